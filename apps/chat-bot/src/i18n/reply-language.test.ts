import { describe, expect, it } from 'vitest';
import { replyLanguage } from './reply-language.ts';

describe('replyLanguage', () => {
  it('answers Chinese in the script it was written in', () => {
    expect(replyLanguage('運費多少', 'zh-Hant', 'en')).toBe('zh-Hant');
    expect(replyLanguage('运费多少', 'zh-Hans', 'zh-Hant')).toBe('zh-Hans');
  });

  it('keeps a Chinese conversation’s script when the message has no character only one script writes', () => {
    expect(replyLanguage('我要找真人客服', 'zh-Hans', 'zh-Hant')).toBe('zh-Hant');
    expect(replyLanguage('你好', 'zh-Hans', 'zh-Hant')).toBe('zh-Hant');
    expect(replyLanguage('我要找真人客服', 'zh-Hans', 'zh-Hans')).toBe('zh-Hans');
    // A character only one script writes decides.
    expect(replyLanguage('我要找客服人员', 'zh-Hans', 'zh-Hant')).toBe('zh-Hans');
    expect(replyLanguage('我要找客服人員', 'zh-Hant', 'zh-Hans')).toBe('zh-Hant');
    // From English, detection stands.
    expect(replyLanguage('我要找真人客服', 'zh-Hans', 'en')).toBe('zh-Hans');
  });

  it('keeps the conversation language for messages with no words of their own', () => {
    expect(replyLanguage('ada@example.com', 'en', 'zh-Hans')).toBe('zh-Hans');
    expect(replyLanguage('#1042', 'en', 'zh-Hant')).toBe('zh-Hant');
    expect(replyLanguage('1Z999AA10123456784', 'en', 'zh-Hans')).toBe('zh-Hans');
    expect(replyLanguage('5', 'en', 'zh-Hans')).toBe('zh-Hans');
  });

  it('switches to English when the shopper writes English', () => {
    expect(replyLanguage('my email is ada@example.com', 'en', 'zh-Hans')).toBe('en');
    expect(replyLanguage('hi', 'en', 'zh-Hant')).toBe('en');
  });
});
