import { describe, expect, it } from 'vitest';
import { uiStrings, widgetLanguage } from './ui-strings.ts';

describe('widgetLanguage', () => {
  it.each([
    ['zh-TW', 'zh-Hant'],
    ['zh-Hant-HK', 'zh-Hant'],
    ['zh-CN', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    [undefined, 'en'],
  ] as const)('reads %s as %s', (tag, language) => {
    expect(widgetLanguage(tag)).toBe(language);
  });

  it('has the strings of every language', () => {
    expect(uiStrings('zh-Hant').send).toBe('傳送');
    expect(uiStrings('zh-Hans').queuePosition(3, 4)).toBe('您排在第 3 位，预计等待约 4 分钟。');
    expect(uiStrings('en').queuePosition(1, null)).toBe("You're number 1 in line.");
  });
});
