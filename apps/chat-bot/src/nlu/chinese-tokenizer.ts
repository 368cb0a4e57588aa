import { Jieba } from '@node-rs/jieba';
import { toSimplifiedChinese } from './language.ts';

/** Splits Chinese (and the Latin words inside it) into the tokens the classifier learns from. */
export interface ChineseTokenizer {
  tokenize(text: string): string[];
}

const hasLetterOrDigit = /[\p{L}\p{N}]/u;
const han = /^\p{Script=Han}$/u;

/**
 * Tokens for Chinese text: jieba words, plus every Han character and every pair of neighbouring Han
 * characters. The words carry the meaning; the characters and pairs back them up where jieba cuts a
 * phrase differently from the training text (碎成 / 碎了, 寄來 / 寄去) or meets a word it does not know.
 *
 * jieba's dictionary is simplified, so traditional text is segmented on its OpenCC simplified twin and
 * the cut points are mapped back onto the original characters: tokens stay traditional (訂單, 運費),
 * as the model was trained on them, while the word boundaries are as good as for simplified text.
 *
 * `dictionary` is jieba's dictionary text, or the part of it the model was trained with (see
 * jieba-dictionary.ts).
 */
export function createChineseTokenizer(dictionary: string): ChineseTokenizer {
  const jieba = Jieba.withDict(Buffer.from(dictionary));
  return {
    tokenize(text: string): string[] {
      // NFKC folds full-width letters, digits and punctuation (ｏｒｄｅｒ，１０４２) into ASCII.
      const normalized = text.normalize('NFKC').toLowerCase();
      const simplified = toSimplifiedChinese(normalized);
      // Character-for-character conversion keeps the length; when a phrase rule changed it, cut the original.
      const guide = simplified.length === normalized.length ? simplified : normalized;
      const tokens: string[] = [];
      let offset = 0;
      for (const piece of jieba.cut(guide, true)) {
        const word = normalized.slice(offset, offset + piece.length);
        offset += piece.length;
        if (!hasLetterOrDigit.test(word)) continue;
        tokens.push(word);
        const characters = [...word];
        if (characters.length > 1 && characters.every((character) => han.test(character))) tokens.push(...characters);
      }
      const hanCharacters = [...normalized].filter((character) => han.test(character));
      for (let index = 1; index < hanCharacters.length; index += 1) {
        tokens.push(`${hanCharacters[index - 1] ?? ''}${hanCharacters[index] ?? ''}`);
      }
      return tokens;
    },
  };
}

/**
 * NLP.js's own `stemmer-zh` re-segments the raw text and turns it into pinyin, throwing away the
 * jieba tokens; this one keeps them as they are.
 */
export const passThroughStemmer = {
  stem(tokens: string[]): string[] {
    return tokens;
  },
};
