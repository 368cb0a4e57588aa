import { TurnContext, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { BotReply } from '../answers/bot-reply.ts';
import {
  incomingActivity,
  replyChannelData,
  SocketIoBotAdapter,
  takeDeliveryFailure,
  type BotOutput,
} from './socket-io-bot-adapter.ts';

function recordingOutput(fail = false) {
  const delivered: Array<{ conversationId: string; replies: BotReply[] }> = [];
  const typing: Array<{ conversationId: string; typing: boolean }> = [];
  const output: BotOutput = {
    async deliver(conversationId, replies) {
      if (fail) throw new Error('database down');
      delivered.push({ conversationId, replies });
      return replies.map((_, i) => ({ id: `msg_${delivered.length}_${i}` }));
    },
    typing(conversationId, value) {
      typing.push({ conversationId, typing: value });
    },
  };
  return { output, delivered, typing };
}

const reply = (body: string): Partial<Activity> => ({
  type: 'message',
  text: body,
  conversation: { id: 'conv_1', isGroup: false, conversationType: 'chat', name: 'conv_1' },
  channelData: replyChannelData({
    body,
    language: 'zh-Hant',
    quickReplies: [{ label: '好', payload: 'handoff.accept' }],
  }),
});

describe('SocketIoBotAdapter', () => {
  it("turns a turn's replies into one delivery, and typing activities into typing indicators", async () => {
    const { output, delivered, typing } = recordingOutput();
    const adapter = new SocketIoBotAdapter(output);
    const ids: string[] = [];
    await adapter.processActivity(
      incomingActivity({ conversationId: 'conv_1', type: 'message', text: 'hi', at: new Date() }),
      async (context) => {
        await context.sendActivity({
          type: 'typing',
          conversation: context.activity.conversation,
          channelData: { typing: true },
        });
        const responses = await context.sendActivities([reply('one'), reply('two')]);
        ids.push(...responses.map((response) => response.id));
      },
    );
    expect(typing).toEqual([{ conversationId: 'conv_1', typing: true }]);
    expect(delivered).toEqual([
      {
        conversationId: 'conv_1',
        replies: [
          { body: 'one', language: 'zh-Hant', quickReplies: [{ label: '好', payload: 'handoff.accept' }] },
          { body: 'two', language: 'zh-Hant', quickReplies: [{ label: '好', payload: 'handoff.accept' }] },
        ],
      },
    ]);
    expect(ids).toEqual(['msg_1_0', 'msg_1_1']);
  });

  it('never rejects on a failed delivery (Botkit would lose it); the failure waits on the turn', async () => {
    const adapter = new SocketIoBotAdapter(recordingOutput(true).output);
    let failure: unknown;
    await adapter.processActivity(
      incomingActivity({ conversationId: 'conv_1', type: 'message', text: 'hi', at: new Date() }),
      async (context) => {
        await expect(context.sendActivity(reply('one'))).resolves.toBeDefined();
        failure = takeDeliveryFailure(context);
        expect(takeDeliveryFailure(context)).toBeUndefined();
      },
    );
    expect(failure).toBeInstanceOf(Error);
    expect(takeDeliveryFailure('not a context')).toBeUndefined();
  });

  it('refuses to edit or delete transcript messages', async () => {
    const adapter = new SocketIoBotAdapter(recordingOutput().output);
    const context = new TurnContext(
      adapter,
      incomingActivity({ conversationId: 'conv_1', type: 'message', text: 'hi', at: new Date() }),
    );
    await expect(adapter.updateActivity()).rejects.toThrow('append-only');
    await expect(adapter.deleteActivity()).rejects.toThrow('append-only');
    expect(context.activity.channelId).toBe('loyaldesk-socket.io');
  });
});
