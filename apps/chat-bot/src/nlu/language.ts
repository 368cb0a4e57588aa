import * as OpenCC from 'opencc-js';
import { ConverterFactory } from 'opencc-js/core';
import compatibilityIdeographs from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import simplifiedToTraditionalCharacters from 'opencc-js/dict/STCharacters';
import taiwanVariants from 'opencc-js/dict/TWVariants';
import { z } from 'zod';

/** Languages the bot reads and answers in: English, simplified Chinese, traditional Chinese. */
export const languages = ['en', 'zh-Hans', 'zh-Hant'] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

type Convert = (text: string) => string;

// OpenCC's dictionaries take ~0.3 s and ~8 MB to build, so they are built once, by the first text with Han characters.
let converters: { toSimplified: Convert; toTraditional: Convert } | undefined;

function getConverters(): { toSimplified: Convert; toTraditional: Convert } {
  converters ??= {
    // Phrase-aware (Taiwan phrases and variants, then traditional → simplified): the tokenizer
    // converts whole messages with it.
    toSimplified: OpenCC.Converter({ from: 'tw', to: 'cn' }),
    // Only ever asked about one character at a time (see `countScriptForms`), so OpenCC's
    // character tables are enough: its phrase-aware cn → tw converter builds a ~50,000-phrase trie
    // of nested Maps that held 46 MB of the chat bot's heap (a third of it, all of it marked again
    // by every full collection) for the same answers.
    toTraditional: ConverterFactory([compatibilityIdeographs], [simplifiedToTraditionalCharacters], [taiwanVariants]),
  };
  return converters;
}

/** Converts traditional Chinese to simplified with OpenCC (phrase-aware, Taiwan and Hong Kong forms). */
export function toSimplifiedChinese(text: string): string {
  return getConverters().toSimplified(text);
}

const hanCharacter = /\p{Script=Han}/u;

/** How many Han characters `text` has, and how many of them only one script writes that way. */
export function countScriptForms(text: string): { han: number; traditionalOnly: number; simplifiedOnly: number } {
  let han = 0;
  let traditionalOnly = 0;
  let simplifiedOnly = 0;
  for (const character of text) {
    if (!hanCharacter.test(character)) continue;
    han += 1;
    // Only text with Han characters needs the dictionaries (an English message never builds them).
    const { toSimplified, toTraditional } = getConverters();
    // One character at a time on purpose: the question is how this character is written, not what the phrase means.
    const changesToSimplified = toSimplified(character) !== character;
    const changesToTraditional = toTraditional(character) !== character;
    // 么 changes both ways (Taiwan's table turns it into 幺), so only "changes one way" counts as traditional.
    if (changesToSimplified && !changesToTraditional) traditionalOnly += 1;
    else if (changesToTraditional) simplifiedOnly += 1;
  }
  return { han, traditionalOnly, simplifiedOnly };
}

/**
 * The language of one message. Any Han character makes it Chinese (so "my order 1042 还没到" is
 * Chinese); it is traditional when at least as many characters have a traditional-only form (訂, 運,
 * 費) as a simplified-only one (订, 运, 费), and simplified otherwise, including text whose characters
 * both scripts share (你好). Ties go to traditional because Taiwan also writes some characters that
 * OpenCC lists as simplified-only (台, 里), while simplified text almost never has traditional forms.
 * @example detectLanguage('運費多少') // 'zh-Hant'
 */
export function detectLanguage(text: string): Language {
  const { han, traditionalOnly, simplifiedOnly } = countScriptForms(text);
  if (han === 0) return 'en';
  if (traditionalOnly > 0 && traditionalOnly >= simplifiedOnly) return 'zh-Hant';
  return 'zh-Hans';
}
