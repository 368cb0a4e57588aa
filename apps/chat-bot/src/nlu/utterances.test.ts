import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { intents } from './intents.ts';
import { languages } from './language.ts';
import {
  loadHeldOut,
  loadTrainingData,
  utteranceFileSchema,
  type HeldOutExample,
  type TrainingData,
} from './utterances.ts';

// Case, width, spacing and trailing punctuation do not make two messages different.
function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.,!?;:~～。，！？；：]+$/u, '')
    .trim();
}

describe('training utterances', () => {
  let training: TrainingData;
  beforeAll(async () => {
    training = await loadTrainingData();
  });

  it('has several dozen examples of every intent in every language', () => {
    for (const language of languages) {
      const corpus = training.corpora.find((candidate) => candidate.language === language);
      expect(corpus, language).toBeDefined();
      for (const intent of intents) {
        const count = corpus?.examples.filter((example) => example.intent === intent).length ?? 0;
        expect(count, `${language} ${intent}`).toBeGreaterThanOrEqual(40);
      }
    }
  });

  it('hashes the file contents, so the hash changes only when a file does', async () => {
    expect(training.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await loadTrainingData()).contentHash).toBe(training.contentHash);
  });
});

describe('utteranceFileSchema', () => {
  const complete = Object.fromEntries(
    intents.map((intent) => [intent, Array.from({ length: 20 }, (_, i) => `${intent} ${i}`)]),
  );

  it('accepts a file with every intent', () => {
    expect(utteranceFileSchema.safeParse({ language: 'en', intents: complete }).success).toBe(true);
  });

  it('rejects a missing intent, too few examples, an unknown intent and a duplicate', () => {
    const { thanks: _thanks, ...withoutThanks } = complete;
    expect(utteranceFileSchema.safeParse({ language: 'en', intents: withoutThanks }).success).toBe(false);
    expect(
      utteranceFileSchema.safeParse({ language: 'en', intents: { ...complete, thanks: ['thanks'] } }).success,
    ).toBe(false);
    expect(
      utteranceFileSchema.safeParse({ language: 'en', intents: { ...complete, 'order.cancel': ['x'] } }).success,
    ).toBe(false);
    const duplicated = { ...complete, greeting: [...(complete['greeting'] ?? []), 'thanks 3'] };
    const result = utteranceFileSchema.safeParse({ language: 'en', intents: duplicated });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('already listed under greeting');
  });
});

describe('loadTrainingData', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'loyaldesk-utterances-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('names the file and the field of a bad utterance file', async () => {
    const good = Object.fromEntries(
      intents.map((intent) => [intent, Array.from({ length: 20 }, (_, i) => `${intent} ${i}`)]),
    );
    for (const language of languages)
      await writeFile(path.join(directory, `${language}.yaml`), stringify({ language, intents: good }));
    await writeFile(
      path.join(directory, 'zh-Hant.yaml'),
      stringify({ language: 'zh-Hant', intents: { ...good, greeting: [''] } }),
    );
    await expect(loadTrainingData(directory)).rejects.toThrow(/zh-Hant\.yaml: intents\.greeting/);
  });

  it('refuses a file that says it is another language', async () => {
    const good = Object.fromEntries(
      intents.map((intent) => [intent, Array.from({ length: 20 }, (_, i) => `${intent} ${i}`)]),
    );
    for (const language of languages)
      await writeFile(path.join(directory, `${language}.yaml`), stringify({ language, intents: good }));
    await writeFile(path.join(directory, 'en.yaml'), stringify({ language: 'zh-Hans', intents: good }));
    await expect(loadTrainingData(directory)).rejects.toThrow(/expected en/);
  });
});

describe('held-out set', () => {
  let training: TrainingData;
  const heldOut = new Map<string, HeldOutExample[]>();
  beforeAll(async () => {
    training = await loadTrainingData();
    for (const language of languages) heldOut.set(language, await loadHeldOut(language));
  });

  it('has a few hundred messages, every intent in every language', () => {
    const total = [...heldOut.values()].reduce((sum, examples) => sum + examples.length, 0);
    expect(total).toBeGreaterThanOrEqual(300);
    for (const [language, examples] of heldOut) {
      expect(examples.length, language).toBeGreaterThanOrEqual(100);
      for (const intent of intents)
        expect(
          examples.some((example) => example.intent === intent),
          `${language} ${intent}`,
        ).toBe(true);
    }
  });

  it('shares no message with the training utterances, in any language', () => {
    const trained = new Set(
      training.corpora.flatMap((corpus) => corpus.examples.map((example) => comparable(example.text))),
    );
    const overlap = [...heldOut.values()].flat().filter((example) => trained.has(comparable(example.text)));
    expect(overlap.map((example) => example.text)).toEqual([]);
  });

  it('has no message twice', () => {
    const all = [...heldOut.values()].flat().map((example) => comparable(example.text));
    expect(all.length).toBe(new Set(all).size);
  });
});
