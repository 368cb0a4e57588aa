import { describe, expect, it } from 'vitest';
import { createChineseTokenizer, passThroughStemmer } from './chinese-tokenizer.ts';
import { readFullJiebaDictionary } from './jieba-dictionary.ts';

describe('createChineseTokenizer', async () => {
  const tokenizer = createChineseTokenizer(await readFullJiebaDictionary());

  it('cuts simplified text into jieba words, their characters and neighbouring pairs', () => {
    const tokens = tokenizer.tokenize('运费多少');
    expect(tokens).toEqual(expect.arrayContaining(['运费', '多少', '运', '费', '费多']));
  });

  it('cuts traditional text on the same word boundaries and keeps its characters', () => {
    const tokens = tokenizer.tokenize('我的訂單到哪裡了');
    expect(tokens).toEqual(expect.arrayContaining(['訂單', '哪裡']));
    expect(tokens.some((token) => /[订单]/.test(token))).toBe(false);
  });

  it('keeps English words inside Chinese, lower-cased, and drops punctuation', () => {
    const tokens = tokenizer.tokenize('我的Tracking Number查不到！');
    expect(tokens).toEqual(expect.arrayContaining(['tracking', 'number', '查不到']));
    expect(tokens).not.toContain('！');
  });

  it('folds full-width letters and digits', () => {
    expect(tokenizer.tokenize('ｏｒｄｅｒ　１０４２ 到哪了')).toEqual(expect.arrayContaining(['order', '1042']));
  });
});

describe('passThroughStemmer', () => {
  it('returns the tokens unchanged (no pinyin)', () => {
    expect(passThroughStemmer.stem(['訂單', '运费'])).toEqual(['訂單', '运费']);
  });
});
