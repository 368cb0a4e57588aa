import { describe, expect, it } from 'vitest';
import { en, type Catalog } from './en.ts';
import { initialLanguage } from './i18n.ts';
import { zh } from './zh.ts';

function leaves(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('i18n catalogs', () => {
  const english = leaves(en);
  const chinese = leaves(zh);

  it('has exactly the same keys in English and Chinese', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
    expect(english.size).toBeGreaterThan(150);
  });

  it('uses the same interpolation placeholders in both languages', () => {
    for (const [key, text] of english) {
      expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('has no empty strings, and Chinese text for every sentence', () => {
    for (const [key, text] of chinese) {
      expect(text.trim(), key).not.toBe('');
      expect(english.get(key)?.trim(), key).not.toBe('');
    }
    const translated = [...chinese].filter(([key, text]) => text !== english.get(key));
    expect(translated.length / chinese.size).toBeGreaterThan(0.85);
  });
});

describe('initialLanguage', () => {
  it('prefers the saved choice, then a Chinese browser, then English', () => {
    expect(initialLanguage('en', ['zh-CN'])).toBe('en');
    expect(initialLanguage(null, ['zh-TW', 'en'])).toBe('zh');
    expect(initialLanguage('fr', ['de-DE'])).toBe('en');
  });
});
