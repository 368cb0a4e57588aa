import { describe, expect, it } from 'vitest';
import { extractEmails } from './email.ts';

describe('extractEmails', () => {
  it('finds addresses in English and Chinese text and lower-cases them', () => {
    expect(extractEmails('my email is Jane.Doe@Example.com, order 1042')).toEqual(['jane.doe@example.com']);
    expect(extractEmails('邮箱是jane+shop@mail.example.cn谢谢')).toEqual(['jane+shop@mail.example.cn']);
    expect(extractEmails('電郵：wong@example.com.hk。')).toEqual(['wong@example.com.hk']);
  });

  it('returns each address once, in order', () => {
    expect(extractEmails('a@b.co or b@c.io or A@B.CO')).toEqual(['a@b.co', 'b@c.io']);
  });

  it('ignores things that only look like addresses', () => {
    expect(extractEmails('@support hello')).toEqual([]);
    expect(extractEmails('jane@localhost')).toEqual([]);
    expect(extractEmails('no email here')).toEqual([]);
  });
});
