import { describe, expect, it } from 'vitest';
import { yesOrNo } from './yes-no.ts';

describe('yesOrNo', () => {
  it.each([
    ['Yes!', 'yes'],
    ['ok', 'yes'],
    ['好的。', 'yes'],
    ['麻煩了', 'yes'],
    ['No thanks', 'no'],
    ["No, that's all", 'no'],
    ['不用了', 'no'],
    ['沒有了！', 'no'],
    ['yes where is my order', null],
    ['maybe', null],
  ] as const)('reads %j as %s', (text, answer) => {
    expect(yesOrNo(text)).toBe(answer);
  });
});
