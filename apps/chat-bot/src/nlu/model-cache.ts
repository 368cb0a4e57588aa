import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { appPath } from '../app-paths.ts';
import { importIntentClassifier, trainIntentClassifier, type IntentClassifier } from './classifier.ts';
import type { TrainingData, TrainingSource } from './utterances.ts';

/** Where the trained models are kept between runs (git-ignored). */
export const defaultModelCacheFile = appPath('.cache', 'nlu-model.nlp');

const cacheFileSchema = z.object({
  key: z.string().regex(/^[0-9a-f]{64}$/),
  trainedAt: z.string(),
  models: z.object({ en: z.string().min(2), zh: z.string().min(2), zhDictionary: z.string().min(1) }),
});

// The source, not the bundle `npm start` runs: the key must not change with the way the app is run.
const nluSourceDir = appPath('src', 'nlu');

// The libraries whose behaviour shapes a trained model: a new version retrains.
const modelLibraries = ['@nlpjs/nlp', '@nlpjs/lang-en', '@node-rs/jieba', 'opencc-js'] as const;

async function libraryVersion(name: string): Promise<string> {
  const require = createRequire(import.meta.url);
  // Some packages export no ./package.json; walk up from the entry point instead.
  let directory = path.dirname(require.resolve(name));
  while (directory !== path.dirname(directory)) {
    try {
      const manifest = z
        .object({ name: z.string(), version: z.string() })
        .parse(JSON.parse(await readFile(path.join(directory, 'package.json'), 'utf8')));
      if (manifest.name === name) return manifest.version;
    } catch {
      // No (matching) package.json here: keep walking up.
    }
    directory = path.dirname(directory);
  }
  return 'unknown';
}

/**
 * The cache key: a SHA-256 of the utterance files, of this folder's source (tokenizer, features,
 * entity masking), and of the model libraries' versions. Any change to what shapes the model retrains it.
 */
export async function modelCacheKey(training: Pick<TrainingData, 'contentHash'>): Promise<string> {
  const hash = createHash('sha256').update(`utterances\0${training.contentHash}\0`);
  const sources = (await readdir(nluSourceDir, { recursive: true }))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort();
  for (const file of sources) hash.update(`${file}\0${await readFile(path.join(nluSourceDir, file), 'utf8')}\0`);
  for (const name of modelLibraries) hash.update(`${name}@${await libraryVersion(name)}\0`);
  return hash.digest('hex');
}

/** How the classifier was obtained, for the start-up log line. */
export interface ClassifierLoad {
  classifier: IntentClassifier;
  source: 'cache' | 'trained';
  milliseconds: number;
}

async function readCache(file: string, key: string): Promise<IntentClassifier | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined; // missing or unreadable: train
  }
  const parsed = cacheFileSchema.safeParse(json);
  if (!parsed.success || parsed.data.key !== key) return undefined;
  try {
    return importIntentClassifier(parsed.data.models);
  } catch {
    return undefined; // written by an incompatible NLP.js: train
  }
}

async function writeCache(file: string, key: string, classifier: IntentClassifier): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const body = JSON.stringify({ key, trainedAt: new Date().toISOString(), models: classifier.exportModels() });
  // Write then rename, so a process starting at the same moment never reads half a file.
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, body);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * The classifier from the cache file when it was trained from the same utterances and code, else
 * trained now and written to the cache. Pass `cacheFile: null` to always train and write nothing.
 */
export async function loadOrTrainClassifier(
  training: TrainingData | TrainingSource,
  cacheFile: string | null = defaultModelCacheFile,
): Promise<ClassifierLoad> {
  const started = performance.now();
  const key = cacheFile === null ? undefined : await modelCacheKey(training);
  if (cacheFile !== null && key !== undefined) {
    const cached = await readCache(cacheFile, key);
    if (cached !== undefined) return { classifier: cached, source: 'cache', milliseconds: performance.now() - started };
  }
  const corpora = typeof training.corpora === 'function' ? await training.corpora() : training.corpora;
  const classifier = await trainIntentClassifier(corpora);
  if (cacheFile !== null && key !== undefined) await writeCache(cacheFile, key, classifier);
  return { classifier, source: 'trained', milliseconds: performance.now() - started };
}
