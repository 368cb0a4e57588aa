import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrTrainClassifier, modelCacheKey } from './model-cache.ts';
import { loadTrainingData, type TrainingData } from './utterances.ts';

describe('loadOrTrainClassifier', () => {
  let directory: string;
  let training: TrainingData;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'loyaldesk-nlu-cache-'));
    training = await loadTrainingData();
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('trains once, then loads the same model from the cache file', async () => {
    const file = path.join(directory, 'model.json');
    const first = await loadOrTrainClassifier(training, file);
    expect(first.source).toBe('trained');
    const second = await loadOrTrainClassifier(training, file);
    expect(second.source).toBe('cache');
    for (const [language, text] of [
      ['en', 'my parcel never came'],
      ['zh-Hans', '运费多少钱'],
      ['zh-Hant', '可以換尺寸嗎'],
    ] as const) {
      expect(await second.classifier.classify(language, text)).toEqual(await first.classifier.classify(language, text));
    }
  }, 120_000);

  it('retrains when the utterances change', async () => {
    const file = path.join(directory, 'model.json');
    await loadOrTrainClassifier(training, file);
    const changed = { ...training, contentHash: 'f'.repeat(64) };
    expect(await modelCacheKey(changed)).not.toBe(await modelCacheKey(training));
    expect((await loadOrTrainClassifier(changed, file)).source).toBe('trained');
    const stored = JSON.parse(await readFile(file, 'utf8')) as { key: string };
    expect(stored.key).toBe(await modelCacheKey(changed));
  }, 120_000);

  it('retrains over a corrupt cache file instead of failing', async () => {
    const file = path.join(directory, 'corrupt.json');
    await writeFile(file, '{"key": "not a model"');
    expect((await loadOrTrainClassifier(training, file)).source).toBe('trained');
    expect((await loadOrTrainClassifier(training, file)).source).toBe('cache');
  }, 120_000);
});
