import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { toSimplifiedChinese } from './language.ts';

/**
 * jieba's own dictionary (`word frequency tag` lines, ~350,000 words, 5 MB). Read only to train:
 * loaded whole, jieba holds ~43 MB of native memory for it.
 */
export async function readFullJiebaDictionary(): Promise<string> {
  // Not `@node-rs/jieba/dict.js`: it also reads the 6 MB IDF table and keeps both buffers for good.
  return readFile(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'), 'utf8');
}

/** A character no shopper's text holds (Unicode private use): the word that carries the dropped words' frequency. */
const droppedWordsEntry = '\u{E000}';

/**
 * The lines of `dictionary` whose words are written only with `characters`, plus one entry carrying
 * the frequency of every word dropped. jieba scores a cut by each word's share of the dictionary's
 * total frequency, so with that total unchanged, any text written with those characters is cut
 * exactly as with the whole dictionary (its candidate words are all kept). Text with other
 * characters is cut differently only around them, and the model has never seen those anyway.
 * @example trimJiebaDictionary('订单 100 n\n快递 50 n', new Set('订单')) // '订单 100 n\n\u{E000} 50'
 */
export function trimJiebaDictionary(dictionary: string, characters: ReadonlySet<string>): string {
  const kept: string[] = [];
  let droppedFrequency = 0;
  for (const line of dictionary.split('\n')) {
    const [word, frequency] = line.split(' ');
    if (!word) continue;
    if ([...word].every((character) => characters.has(character))) kept.push(line);
    else droppedFrequency += Number(frequency) || 0;
  }
  if (droppedFrequency > 0) kept.push(`${droppedWordsEntry} ${droppedFrequency}`);
  return kept.join('\n');
}

/** Every character of `texts` as the tokenizer reads them: as written, and in its simplified guide (see chinese-tokenizer.ts). */
export function charactersOf(texts: Iterable<string>): Set<string> {
  const characters = new Set<string>();
  for (const text of texts) {
    const normalized = text.normalize('NFKC').toLowerCase();
    for (const character of normalized) characters.add(character);
    for (const character of toSimplifiedChinese(normalized)) characters.add(character);
  }
  return characters;
}
