import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const dialogModule = fileURLToPath(new URL('./botkit-dialog.ts', import.meta.url));

// In a fresh process: whether Botkit's modules are loaded after a single-question answer, and after a dialog turn.
const script = `
import { createRequire } from 'node:module';
const { createBotkitDialog } = await import(${JSON.stringify(dialogModule)});
const botkitLoaded = () =>
  Object.keys(createRequire(process.cwd() + '/').cache).some((file) => /[\\\\/]node_modules[\\\\/]botkit[\\\\/]/.test(file));
let plan;
const reply = { body: 'reply', language: 'en' };
const service = { plan: async () => plan, respond: async () => [reply], forgetTurnOutcome() {}, end: async () => [reply] };
const dialog = await createBotkitDialog(service, { deliver: async (id, replies) => replies.map((_, i) => ({ id: 'm' + i })), typing() {} });
const conversation = { id: 'conv_1', state: 'bot', pending: null, customerId: 'cus_1', language: 'en' };
const message = { id: 'msg_1', author: { kind: 'customer' }, body: 'question', at: new Date(0) };
const atStart = botkitLoaded();
plan = { action: { kind: 'show_order', orderNumber: '1042' }, language: 'en', patch: { pending: null } };
await dialog.shopperMessage({ conversation, message, quickReply: undefined, origin: { ip: '127.0.0.1' } });
const afterAnswer = botkitLoaded();
plan = { action: { kind: 'ask_email', orderNumber: '1042' }, language: 'en', patch: { pending: { kind: 'email_for_order', orderNumber: '1042' } } };
await dialog.shopperMessage({ conversation: { ...conversation, customerId: null }, message, quickReply: undefined, origin: { ip: '127.0.0.1' } });
console.log(JSON.stringify({ atStart, afterAnswer, afterDialog: botkitLoaded() }));
`;

describe('createBotkitDialog loading', () => {
  it('loads Botkit on the first dialog turn, not at start nor for a single-question answer', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), timeout: 60_000 },
    );
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '')).toEqual({
      atStart: false,
      afterAnswer: false,
      afterDialog: true,
    });
  }, 90_000);
});
