import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BotReply } from '../answers/bot-reply.ts';
import type { Conversation, StoredMessage } from '../conversations/conversation.ts';
import type { ConversationService } from '../conversations/conversation-service.ts';
import type { TurnPlan } from '../conversations/plan-turn.ts';
import { SocketIoBotAdapter } from '../transport/socket-io-bot-adapter.ts';
import { createBotkitDialog } from './botkit-dialog.ts';

const message: StoredMessage = { id: 'msg_1', author: { kind: 'customer' }, body: 'question', at: new Date(0) };
const conversation = {
  id: 'conv_1',
  state: 'bot',
  pending: null,
  customerId: 'cus_1',
  language: 'en',
} as Conversation;

/** The dialog layer over a service that plans `plan` and answers `reply`, recording what was delivered. */
async function dialogWith(plan: TurnPlan, reply: BotReply) {
  const delivered: Array<{ conversationId: string; replies: BotReply[] }> = [];
  const service = {
    plan: vi.fn(async () => plan),
    respond: vi.fn(async () => [reply]),
    forgetTurnOutcome: vi.fn(),
    end: vi.fn(async () => [reply]),
  } as unknown as ConversationService;
  const dialog = await createBotkitDialog(service, {
    async deliver(conversationId, replies) {
      delivered.push({ conversationId, replies });
      return replies.map((_, index) => ({ id: `msg_bot_${index}` }));
    },
    typing() {},
  });
  return { dialog, service, delivered };
}

describe('createBotkitDialog', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers a single question in one reply without a Botkit turn', async () => {
    const botkitTurns = vi.spyOn(SocketIoBotAdapter.prototype, 'processActivity');
    const reply: BotReply = { body: 'Order #1042: shipped', language: 'en' };
    const { dialog, service, delivered } = await dialogWith(
      { action: { kind: 'show_order', orderNumber: '1042' }, language: 'en', patch: { pending: null } },
      reply,
    );
    await dialog.shopperMessage({ conversation, message, quickReply: undefined, origin: { ip: '127.0.0.1' } });
    expect(botkitTurns).not.toHaveBeenCalled();
    expect(delivered).toEqual([{ conversationId: 'conv_1', replies: [reply] }]);
    expect(service.forgetTurnOutcome).toHaveBeenCalledWith('conv_1');
  });

  it('runs a dialog turn through Botkit and our adapter, delivering the same replies', async () => {
    const botkitTurns = vi.spyOn(SocketIoBotAdapter.prototype, 'processActivity');
    const reply: BotReply = {
      body: 'Which email did you use for order #1042?',
      language: 'en',
      quickReplies: [{ label: 'Talk to a person', payload: 'handoff.request' }],
    };
    const { dialog, delivered } = await dialogWith(
      {
        action: { kind: 'ask_email', orderNumber: '1042' },
        language: 'en',
        patch: { pending: { kind: 'email_for_order', orderNumber: '1042' } },
      },
      reply,
    );
    await dialog.shopperMessage({
      conversation: { ...conversation, customerId: null },
      message,
      quickReply: undefined,
      origin: { ip: '127.0.0.1' },
    });
    expect(botkitTurns).toHaveBeenCalledTimes(1);
    expect(delivered).toEqual([{ conversationId: 'conv_1', replies: [reply] }]);
  });

  it('runs a turn through Botkit while a dialog is open, whatever the question', async () => {
    const botkitTurns = vi.spyOn(SocketIoBotAdapter.prototype, 'processActivity');
    const { dialog } = await dialogWith(
      { action: { kind: 'shipping_cost', country: null }, language: 'en', patch: { pending: null } },
      { body: 'Shipping…', language: 'en' },
    );
    await dialog.shopperMessage({
      conversation: { ...conversation, pending: { kind: 'anything_else' } },
      message,
      quickReply: undefined,
      origin: { ip: '127.0.0.1' },
    });
    expect(botkitTurns).toHaveBeenCalledTimes(1);
  });

  it('keeps V8 able to share hidden classes after thousands of conversations', async () => {
    // Botkit's own saveState keyed a `{}` by each conversation: past 1,536 such keys V8 stops
    // recording transitions from the root object map, and every `{}` given a new first property
    // then gets a hidden class of its own (see StatelessBotkit).
    const { dialog } = await dialogWith(
      { action: { kind: 'greet' }, language: 'en', patch: {} },
      { body: 'Hi! How can I help?', language: 'en' },
    );
    for (let index = 0; index < 2000; index++)
      await dialog.conversationEnded({ ...conversation, id: `conv_probe_${index}` }, { ip: '127.0.0.1' });
    v8.setFlagsFromString('--allow-natives-syntax');
    const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
    const objectWithNewFirstKey = () => {
      const object: Record<string, number> = {};
      object['keyNoObjectHadFirstBefore'] = 1;
      return object;
    };
    expect(haveSameMap(objectWithNewFirstKey(), objectWithNewFirstKey())).toBe(true);
  });
});
