import { containerBootstrap } from '@nlpjs/core';
import { LangEn, StemmerEn } from '@nlpjs/lang-en';
import { Nlp } from '@nlpjs/nlp';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { ChineseTokenizer } from './chinese-tokenizer.ts';
import { maskEntities } from './entities/index.ts';
import { charactersOf, readFullJiebaDictionary, trimJiebaDictionary } from './jieba-dictionary.ts';
import { intentSchema, type Intent } from './intents.ts';
import type { Language } from './language.ts';
import type { Corpus } from './utterances.ts';

/** The best intent for a message and the classifier's confidence in it (0–1). */
export interface Classification {
  intent: Intent;
  score: number;
}

/**
 * Two NLP.js models: English, and one Chinese model trained on the simplified and the traditional
 * utterances as written (no conversion). Sharing one Chinese model lets each script learn from the
 * characters the other shares with it; on the held-out set it beat one model per script (see README).
 */
export const modelNames = ['en', 'zh'] as const;
export type ModelName = (typeof modelNames)[number];

/** Which model reads a message in `language`. */
export function modelFor(language: Language): ModelName {
  return language === 'en' ? 'en' : 'zh';
}

/** What a trained classifier is rebuilt from: each model as NLP.js JSON, and the jieba dictionary the Chinese one reads with. */
export type ExportedClassifier = Record<ModelName, string> & { zhDictionary: string };

/** Trained NLP.js models that classify a message in any supported language. */
export interface IntentClassifier {
  classify(language: Language, text: string): Promise<Classification>;
  /** The models and the Chinese dictionary, for the model cache. */
  exportModels(): ExportedClassifier;
}

const nlpResultSchema = z.object({ intent: z.string(), score: z.number() });

/** What the classifier sees, in training and at run time alike: NFKC text with entities masked. */
export function prepareForClassifier(text: string): string {
  // Stretched words ("hiii", "thank youuu", "hellooo") read as their plain form.
  return maskEntities(text.normalize('NFKC')).replace(/([a-z])\1{2,}/gi, '$1');
}

/**
 * NLP.js's perceptrons are linear in their inputs and it feeds every token with weight 1, so a long
 * message adds up many weights and swings to an extreme, or to nothing at all. Giving each distinct
 * token 1/√n makes every input vector unit length, so a long message weighs what a short one does.
 */
const unitLengthBagOfWords = {
  name: 'arrToObj',
  run(input: { tokens: string[] | Record<string, number> } | string[]): unknown {
    if (Array.isArray(input)) return toUnitVector(input);
    if (Array.isArray(input.tokens)) input.tokens = toUnitVector(input.tokens);
    return input;
  },
};

function toUnitVector(tokens: string[]): Record<string, number> {
  const distinct = [...new Set(tokens)];
  const weight = distinct.length > 0 ? 1 / Math.sqrt(distinct.length) : 0;
  return Object.fromEntries(distinct.map((token) => [token, weight]));
}

/**
 * English stems plus each pair of neighbouring stems: "status of", "instead of", "track my" carry
 * meaning that the single words do not.
 */
function stemsWithBigrams(): { stem(tokens: string[]): string[] } {
  const stemmer = new StemmerEn();
  return {
    stem(tokens) {
      const stems = tokens.map((token) => stemmer.stemWord(token));
      return [...stems, ...stems.slice(1).map((stem, index) => `${stems[index] ?? ''}_${stem}`)];
    },
  };
}

/** What the Chinese model reads with; loaded with it (jieba's native module and its dictionary). */
interface ChineseReading {
  tokenizer: ChineseTokenizer;
  stemmer: { stem(tokens: string[]): string[] };
}

async function chineseReading(dictionary: string): Promise<ChineseReading> {
  const { createChineseTokenizer, passThroughStemmer } = await import('./chinese-tokenizer.ts');
  return { tokenizer: createChineseTokenizer(dictionary), stemmer: passThroughStemmer };
}

function createNlp(model: ModelName, chinese?: ChineseReading): Nlp {
  const container = containerBootstrap();
  container.register('arrToObj', unitLengthBagOfWords);
  if (model === 'en') {
    container.use(LangEn);
    container.register('stemmer-en', stemsWithBigrams());
  } else {
    if (!chinese) throw new Error('the Chinese model needs its tokenizer');
    container.register('tokenizer-zh', chinese.tokenizer);
    container.register('stemmer-zh', chinese.stemmer);
  }
  return new Nlp({
    container,
    languages: [model],
    autoSave: false,
    autoLoad: false,
    calculateSentiment: false,
    forceNER: false,
    // log: NLP.js prints every training epoch to stdout otherwise. spellCheck: an unknown English
    // word is read as the known one at edit distance 1 ("shiping" → "ship").
    nlu: { log: false, spellCheck: model === 'en', spellCheckDistance: 1 },
  });
}

/**
 * Classifications kept per model and prepared text. Classifying is a pure function of the trained
 * model and the text the classifier sees, which has its order numbers, emails and tracking numbers
 * masked: "where is my order 1042" and "… 1043" are one entry, and shoppers' messages repeat a lot
 * ("hi", "thanks", "where is my order …"). NLP.js allocates a good deal per message (about a sixth
 * of the chat's allocations under load); a hit allocates nothing.
 */
const classificationCacheSize = 5000;

/**
 * `zh` is asked for on the first Chinese message: a process that only ever reads English never
 * loads jieba, its dictionary or the Chinese model (~15 MB).
 */
function toClassifier(
  en: Nlp,
  zh: () => Promise<Nlp>,
  exportModels: () => ExportedClassifier,
): IntentClassifier {
  const cache = new LRUCache<string, Classification>({ max: classificationCacheSize });
  let zhModel: Promise<Nlp> | undefined;
  const modelOf = (model: ModelName): Promise<Nlp> | Nlp => {
    if (model === 'en') return en;
    // A failed load is not remembered: the next Chinese message tries again.
    zhModel ??= zh().catch((error: unknown) => {
      zhModel = undefined;
      throw error;
    });
    return zhModel;
  };
  return {
    async classify(language, text) {
      const model = modelFor(language);
      const prepared = prepareForClassifier(text);
      const key = `${model}\u0000${prepared}`;
      const cached = cache.get(key);
      if (cached) return { ...cached };
      const result = nlpResultSchema.parse(await (await modelOf(model)).process(model, prepared));
      const intent = intentSchema.safeParse(result.intent);
      // NLP.js answers "None" when nothing it knows matches; that is our `none`.
      const classification: Classification = { intent: intent.success ? intent.data : 'none', score: result.score };
      cache.set(key, classification);
      return { ...classification };
    },
    exportModels,
  };
}

/**
 * Trains the English and the Chinese NLP.js model from the utterance corpora. The Chinese model
 * keeps only the part of jieba's dictionary written with the characters it was trained on: it cuts
 * those texts exactly as the whole dictionary does, in a sixth of the memory.
 */
export async function trainIntentClassifier(corpora: readonly Corpus[]): Promise<IntentClassifier> {
  const documents = (model: ModelName) =>
    corpora
      .filter((corpus) => modelFor(corpus.language) === model)
      .flatMap((corpus) =>
        corpus.examples.map((example) => ({ text: prepareForClassifier(example.text), intent: example.intent })),
      );
  const zhDictionary = trimJiebaDictionary(
    await readFullJiebaDictionary(),
    charactersOf(documents('zh').map((document) => document.text)),
  );
  const train = async (model: ModelName, chinese?: ChineseReading): Promise<Nlp> => {
    const nlp = createNlp(model, chinese);
    for (const document of documents(model)) nlp.addDocument(model, document.text, document.intent);
    await nlp.train();
    return nlp;
  };
  const en = await train('en');
  const zh = await train('zh', await chineseReading(zhDictionary));
  return toClassifier(
    en,
    async () => zh,
    () => ({ en: en.export(true), zh: zh.export(true), zhDictionary }),
  );
}

/** Rebuilds the classifier from {@link IntentClassifier.exportModels} output, without training (the Chinese model on first use). */
export function importIntentClassifier(exported: ExportedClassifier): IntentClassifier {
  const en = createNlp('en');
  en.import(exported.en);
  return toClassifier(
    en,
    async () => {
      const zh = createNlp('zh', await chineseReading(exported.zhDictionary));
      zh.import(exported.zh);
      return zh;
    },
    () => exported,
  );
}
