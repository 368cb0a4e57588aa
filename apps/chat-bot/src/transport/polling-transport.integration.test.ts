import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatClientEvents, chatNamespace, conversationReadyEventSchema } from '@loyaldesk/contracts/chat-events';
import { startTestChatApp, type TestChatApp } from '../testing/chat-test-app.ts';

// Found by the fuzz suite (test/fuzz): the express app answered every /socket.io/ request with its
// 404 before Socket.IO could, so the widget's long-polling fallback (proxies without WebSocket) never connected.
describe('Socket.IO long-polling on the chat bot', () => {
  let chat: TestChatApp;

  beforeAll(async () => {
    chat = await startTestChatApp();
  });
  afterAll(() => chat.close());

  it('answers the polling handshake with a session id, not the app’s 404', async () => {
    const response = await fetch(`${chat.url}/socket.io/?EIO=4&transport=polling`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^0\{"sid":"[^"]+"/);
  });

  it('lets a polling-only client start a conversation', async () => {
    const socket = io(`${chat.url}${chatNamespace}`, { transports: ['polling'], forceNew: true, reconnection: false });
    try {
      const reply: unknown = await socket.timeout(30_000).emitWithAck(chatClientEvents.start, {});
      expect(conversationReadyEventSchema.extend({}).passthrough().parse(reply).state).toBe('bot');
    } finally {
      socket.disconnect();
    }
  });
});
