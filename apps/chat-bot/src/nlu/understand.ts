import { ValidationError } from '@loyaldesk/platform/errors';
import { z } from 'zod';
import type { IntentClassifier } from './classifier.ts';
import { entitiesSchema, extractEntities } from './entities/index.ts';
import { intentSchema } from './intents.ts';
import { detectLanguage, languageSchema } from './language.ts';
import { defaultModelCacheFile, loadOrTrainClassifier } from './model-cache.ts';
import { openTrainingSource, type TrainingData } from './utterances.ts';

/** Longest message the bot reads; the chat transport refuses longer ones before they get here. */
export const maxMessageLength = 2_000;

/** A shopper's message as `understand` accepts it. */
export const messageTextSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(maxMessageLength, `must be at most ${maxMessageLength} characters`);

/** What the bot understood from one message. */
export const understandingSchema = z.object({
  intent: intentSchema,
  /** The classifier's confidence in its best intent (0–1); below the threshold the intent is `none`. */
  score: z.number().min(0).max(1),
  language: languageSchema,
  entities: entitiesSchema,
});
export type Understanding = z.infer<typeof understandingSchema>;

/**
 * Below this confidence the bot says `none` (asks to rephrase) rather than act on a weak guess.
 * NLP.js squares and normalises its scores, so a clear winner is near 1 and a toss-up well under 0.5.
 */
export const defaultScoreThreshold = 0.5;

/** A ready language-understanding pipeline. */
export interface Nlu {
  understand(text: string): Promise<Understanding>;
  /** Where the model came from and how long getting it took, for the start-up log line. */
  model: { source: 'cache' | 'trained' | 'given'; milliseconds: number };
}

export interface NluOptions {
  /** A classifier to use as is; default: loaded from the model cache, or trained from the utterance files. */
  classifier?: IntentClassifier;
  /** Training data; default: `data/utterances/*.yaml`. */
  training?: TrainingData;
  /** The model cache file; `null` trains every time and writes nothing. */
  cacheFile?: string | null;
  scoreThreshold?: number;
}

/** Builds the pipeline: language detection, entity extraction, and the NLP.js intent classifier. */
export async function createNlu(options: NluOptions = {}): Promise<Nlu> {
  const loaded =
    options.classifier === undefined
      ? await loadOrTrainClassifier(
          options.training ?? (await openTrainingSource()),
          options.cacheFile === undefined ? defaultModelCacheFile : options.cacheFile,
        )
      : { classifier: options.classifier, source: 'given' as const, milliseconds: 0 };
  const { classifier } = loaded;
  const threshold = options.scoreThreshold ?? defaultScoreThreshold;
  return {
    model: { source: loaded.source, milliseconds: loaded.milliseconds },
    async understand(input) {
      const parsed = messageTextSchema.safeParse(input);
      if (!parsed.success) throw new ValidationError(`text ${parsed.error.issues[0]?.message ?? 'is invalid'}`, 'text');
      // NFKC first so full-width digits and letters (１０４２, ｏｒｄｅｒ) read like their ASCII forms.
      const text = parsed.data.normalize('NFKC');
      const language = detectLanguage(text);
      const { intent, score } = await classifier.classify(language, text);
      return {
        intent: score >= threshold ? intent : 'none',
        score: Math.min(1, Math.max(0, score)),
        language,
        entities: extractEntities(text),
      };
    },
  };
}

let shared: Promise<Nlu> | undefined;

/**
 * Understands one shopper message with the shared pipeline (built on first call).
 * @example await understand('我的订单1042到哪了') // { intent: 'order.status', language: 'zh-Hans', entities: { orderNumbers: ['1042'], … }, … }
 */
export async function understand(text: string): Promise<Understanding> {
  // A failed start (e.g. a bad utterance file) is not remembered: the next call tries again.
  shared ??= createNlu().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return (await shared).understand(text);
}
