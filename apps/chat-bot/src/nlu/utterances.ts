import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '@loyaldesk/platform/errors';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { appPath } from '../app-paths.ts';
import { intentSchema, type Intent } from './intents.ts';
import { languages, languageSchema, type Language } from './language.ts';

/** The app's data folder: utterance files for training and the held-out set for evaluation. */
export const dataDir = appPath('data');

const utteranceSchema = z.string().trim().min(1).max(500);

/** One `data/utterances/<language>.yaml`: every intent, each with enough distinct examples. */
export const utteranceFileSchema = z
  .object({
    language: languageSchema,
    // A record keyed by the intent enum requires every intent to be present.
    intents: z.record(intentSchema, z.array(utteranceSchema).min(20, 'needs at least 20 utterances')),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, Intent>();
    for (const [intent, utterances] of Object.entries(file.intents) as [Intent, string[]][]) {
      for (const [index, utterance] of utterances.entries()) {
        const key = utterance.toLowerCase();
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['intents', intent, index],
            message: `"${utterance}" is already listed under ${earlier}`,
          });
        }
        seen.set(key, intent);
      }
    }
  });

/** Training examples for one language. */
export interface Corpus {
  language: Language;
  examples: { text: string; intent: Intent }[];
}

/** All training corpora and a hash of the files they came from (changes whenever any file does). */
export interface TrainingData {
  corpora: Corpus[];
  contentHash: string;
}

/**
 * The utterance files' hash, with their corpora parsed only when asked for: a start that finds its
 * model in the cache needs the hash alone, and skips parsing ~90 KB of YAML into garbage.
 */
export interface TrainingSource {
  contentHash: string;
  corpora(): Promise<Corpus[]>;
}

/** Reads `data/utterances/{en,zh-Hans,zh-Hant}.yaml` and hashes them; `corpora()` validates them (see `loadTrainingData`). */
export async function openTrainingSource(directory = path.join(dataDir, 'utterances')): Promise<TrainingSource> {
  const hash = createHash('sha256');
  const files: Array<{ language: Language; file: string; source: string }> = [];
  for (const language of languages) {
    const file = path.join(directory, `${language}.yaml`);
    const source = await readFile(file, 'utf8');
    hash.update(`${language}\0${source}\0`);
    files.push({ language, file, source });
  }
  let corpora: Corpus[] | undefined;
  return {
    contentHash: hash.digest('hex'),
    async corpora() {
      corpora ??= files.map(({ language, file, source }) => parseCorpus(language, file, source));
      return corpora;
    },
  };
}

/** Reads and validates `data/utterances/{en,zh-Hans,zh-Hant}.yaml`; a bad file throws a ConfigError naming the line's path. */
export async function loadTrainingData(directory = path.join(dataDir, 'utterances')): Promise<TrainingData> {
  const source = await openTrainingSource(directory);
  return { corpora: await source.corpora(), contentHash: source.contentHash };
}

function parseCorpus(language: Language, file: string, source: string): Corpus {
  const parsed = utteranceFileSchema.safeParse(parseYaml(source));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new ConfigError(`${file}: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}`, where);
  }
  if (parsed.data.language !== language) {
    throw new ConfigError(`${file}: says language ${parsed.data.language}, expected ${language}`, 'language');
  }
  const examples = (Object.entries(parsed.data.intents) as [Intent, string[]][]).flatMap(([intent, utterances]) =>
    utterances.map((text) => ({ text, intent })),
  );
  return { language, examples };
}

/** One line of `data/held-out/<language>.jsonl`. */
export const heldOutLineSchema = z.object({ text: utteranceSchema, intent: intentSchema });
export type HeldOutExample = z.infer<typeof heldOutLineSchema>;

/** Reads and validates the held-out messages of one language (never used for training). */
export async function loadHeldOut(
  language: Language,
  directory = path.join(dataDir, 'held-out'),
): Promise<HeldOutExample[]> {
  const file = path.join(directory, `${language}.jsonl`);
  const lines = (await readFile(file, 'utf8')).split('\n');
  const examples: HeldOutExample[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new ConfigError(`${file}:${index + 1}: not JSON (${String(error)})`);
    }
    const parsed = heldOutLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`${file}:${index + 1}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`);
    }
    examples.push(parsed.data);
  }
  return examples;
}
