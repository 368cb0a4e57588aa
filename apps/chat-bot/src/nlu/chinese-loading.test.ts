import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const understandModule = fileURLToPath(new URL('./understand.ts', import.meta.url));

// In a fresh process: whether jieba is loaded after an English message, and after a Chinese one.
const script = `
import { createRequire } from 'node:module';
const { createNlu } = await import(${JSON.stringify(understandModule)});
const jiebaLoaded = () =>
  Object.keys(createRequire(process.cwd() + '/').cache).some((file) => /[\\\\/]@node-rs[\\\\/]jieba[\\\\/]/.test(file));
const nlu = await createNlu();
const english = await nlu.understand('where is my order 1042');
const afterEnglish = jiebaLoaded();
const chinese = await nlu.understand('我的订单1042到哪了');
console.log(JSON.stringify({ afterEnglish, afterChinese: jiebaLoaded(), intents: [english.intent, chinese.intent] }));
`;

describe('createNlu loading', () => {
  it('loads the Chinese model and jieba with the first Chinese message, not for English', async () => {
    // A process that finds no model cache trains both languages at start (jieba included): a fresh
    // checkout has none, so it is written here first.
    const { createNlu } = await import('./understand.ts');
    await createNlu();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), timeout: 120_000 },
    );
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '')).toEqual({
      afterEnglish: false,
      afterChinese: true,
      intents: ['order.status', 'order.status'],
    });
  }, 150_000);
});
