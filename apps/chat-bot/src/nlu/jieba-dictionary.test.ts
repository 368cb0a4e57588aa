import { Jieba } from '@node-rs/jieba';
import { describe, expect, it } from 'vitest';
import { prepareForClassifier } from './classifier.ts';
import { charactersOf, readFullJiebaDictionary, trimJiebaDictionary } from './jieba-dictionary.ts';
import { toSimplifiedChinese } from './language.ts';
import { loadHeldOut, loadTrainingData } from './utterances.ts';

describe('trimJiebaDictionary', async () => {
  const full = await readFullJiebaDictionary();
  const training = await loadTrainingData();
  const chineseTexts = training.corpora
    .filter((corpus) => corpus.language !== 'en')
    .flatMap((corpus) => corpus.examples.map((example) => prepareForClassifier(example.text)));
  const trimmed = trimJiebaDictionary(full, charactersOf(chineseTexts));

  it('keeps the words written with the given characters and one entry for the frequency of the rest', () => {
    expect(trimJiebaDictionary('订单 100 n\n快递 50 n\n单 7 n\n', new Set('订单'))).toBe('订单 100 n\n单 7 n\n\u{E000} 50');
  });

  it('cuts every training text exactly as the whole dictionary does, with under a fifth of its words', () => {
    const whole = Jieba.withDict(Buffer.from(full));
    const part = Jieba.withDict(Buffer.from(trimmed));
    const guides = chineseTexts.map((text) => toSimplifiedChinese(text.normalize('NFKC').toLowerCase()));
    expect(guides.length).toBeGreaterThan(1000);
    expect(guides.filter((guide) => part.cut(guide, true).join('|') !== whole.cut(guide, true).join('|'))).toEqual([]);
    expect(trimmed.split('\n').length).toBeLessThan(full.split('\n').length / 5);
  });

  it('cuts most unseen (held-out) Chinese text the same way too', async () => {
    const whole = Jieba.withDict(Buffer.from(full));
    const part = Jieba.withDict(Buffer.from(trimmed));
    const heldOut = [...(await loadHeldOut('zh-Hans')), ...(await loadHeldOut('zh-Hant'))];
    const same = heldOut.filter(({ text }) => {
      const guide = toSimplifiedChinese(prepareForClassifier(text).normalize('NFKC').toLowerCase());
      return part.cut(guide, true).join('|') === whole.cut(guide, true).join('|');
    });
    expect(same.length / heldOut.length).toBeGreaterThan(0.8);
  });
});
