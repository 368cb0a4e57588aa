import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const source = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Botkit and the Bot Framework SDK are no longer developed: they stay in the dialog layer and the adapter.
const allowed = new Set([
  'dialog/botkit-dialog.ts',
  'transport/socket-io-bot-adapter.ts',
  'transport/socket-io-bot-adapter.test.ts',
]);

describe('Botkit boundary', () => {
  it('keeps botkit and botbuilder imports to the dialog layer and our adapter', async () => {
    const files = (await readdir(source, { recursive: true })).filter((file) => file.endsWith('.ts'));
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(source, file), 'utf8');
      if (
        /from ['"](botkit|botbuilder[\w-]*|botframework-[\w-]+)['"]/.test(text) &&
        !allowed.has(file.split(path.sep).join('/'))
      )
        offenders.push(file);
    }
    expect(offenders).toEqual([]);
    expect(files.length).toBeGreaterThan(40);
  });
});
