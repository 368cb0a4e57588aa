import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chatBotNodeFlags } from './node-flags.ts';

describe('chatBotNodeFlags', () => {
  it('are the flags `npm start -w apps/chat-bot` runs with too (its script cannot import them)', () => {
    const manifest = z
      .object({ scripts: z.object({ start: z.string() }) })
      .parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')));
    for (const flag of chatBotNodeFlags) expect(manifest.scripts.start.split(' ')).toContain(flag);
  });
});
