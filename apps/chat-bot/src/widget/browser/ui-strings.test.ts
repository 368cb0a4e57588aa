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
});

describe('uiStrings', () => {
  it('has the strings of every language', () => {
    expect(uiStrings('zh-Hant').send).toBe('傳送');
    expect(uiStrings('zh-Hans').queuePlace(3)).toBe('您排在第 3 位');
    expect(uiStrings('zh-Hans').queueWait(4)).toBe('预计等待约 4 分钟。');
    expect(uiStrings('en').queuePlace(1)).toBe("You're next in line");
    expect(uiStrings('en').queueWait(null)).toBe('A person will reply here soon.');
    expect(uiStrings('en').launcherUnread(1)).toBe('Chat with us, 1 unread message');
    expect(uiStrings('zh-Hant').stars(4, 5)).toBe('4 星（滿分 5 星）');
  });

  it('fills every string in every language, with the same keys', () => {
    const keys = Object.keys(uiStrings('en')).sort();
    for (const language of ['zh-Hans', 'zh-Hant'] as const) {
      const strings = uiStrings(language);
      expect(Object.keys(strings).sort()).toEqual(keys);
      for (const [key, value] of Object.entries(strings))
        if (typeof value === 'string') expect(value.length, `${language}.${key}`).toBeGreaterThan(0);
    }
  });
});
