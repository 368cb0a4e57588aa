import { describe, expect, it } from 'vitest';
import {
  checkAcknowledgedStoredOnce,
  checkHandedOffMessagesOnTicket,
  checkNoDoubleAssignment,
  checkOneTicketPerHandoff,
  checkRepliesInConversation,
  handedOffConversations,
  type DatabaseSnapshot,
} from './delivery-checks.ts';
import type { AgentReplyRecord, ShopperMessageRecord } from './fault-records.ts';

const message = (overrides: Partial<ShopperMessageRecord>): ShopperMessageRecord => ({
  clientId: 'c1',
  shopper: 1,
  kind: 'ticket',
  conversationId: 'conv1',
  firstSentAtMs: 1_000,
  attempts: 1,
  ackedAtMs: 1_100,
  messageIds: ['m1'],
  ackedOn: 'chat-1',
  refusals: {},
  ackTimeouts: 0,
  ...overrides,
});
const reply = (messageId: string | null): AgentReplyRecord => ({
  agentId: 'a1',
  ticketId: 'tkt_conv_conv1',
  conversationId: 'conv1',
  body: 'hello',
  atMs: 2_000,
  instance: 'ticketing-1',
  messageId,
});
const snapshot: DatabaseSnapshot = {
  messages: [
    { conversationId: 'conv1', id: 'm1' },
    { conversationId: 'conv1', id: 'm2' },
    { conversationId: 'conv1', id: 'm2' },
    { conversationId: 'conv2', id: 'm3' },
    { conversationId: 'conv1', id: 'r1' },
  ],
  tickets: [
    {
      id: 'tkt_conv_conv1',
      conversationId: 'conv1',
      messageIds: ['m1', 'r1'],
      history: [{ from: null, to: 'open', action: 'open' }, { from: 'open', to: 'assigned', action: 'claim', assigneeId: 'a1' }],
    },
  ],
  conversations: [
    { id: 'conv1', state: 'agent', handedOff: true },
    { id: 'conv3', state: 'waiting', handedOff: true },
  ],
};

describe('the delivery checks', () => {
  it('passes a message stored once in its conversation, and names one stored twice, missing or elsewhere', () => {
    const result = checkAcknowledgedStoredOnce(
      [
        message({}),
        message({ clientId: 'c2', messageIds: ['m2'] }),
        message({ clientId: 'c3', messageIds: ['m9'] }),
        message({ clientId: 'c4', messageIds: ['m3'] }),
        message({ clientId: 'c5', messageIds: ['m1', 'm3'] }),
        message({ clientId: 'c6', ackedAtMs: null, messageIds: [] }),
      ],
      snapshot,
    );
    expect(result).toMatchObject({ pass: false, checked: 5, failed: 4 });
    expect(result.sample).toEqual([
      'm2: stored 2 times (conversation conv1, acknowledged at 1.1 s)',
      'm9: stored 0 times (conversation conv1, acknowledged at 1.1 s)',
      'm3: stored in conv2, acknowledged in conv1',
      'clientId c5: acknowledged as m1 and m3',
      'm3: stored in conv2, acknowledged in conv1',
    ]);
  });

  it('expects handed-off messages on the ticket, except those acknowledged after the resolve was asked for', () => {
    const records = [
      message({}),
      message({ clientId: 'c2', messageIds: ['m2'], ackedAtMs: 1_500 }),
      message({ clientId: 'c3', messageIds: ['m7'], ackedAtMs: 9_000 }),
      message({ clientId: 'c4', kind: 'bot', messageIds: ['m8'] }),
    ];
    const result = checkHandedOffMessagesOnTicket(records, new Map([['conv1', 5_000]]), snapshot);
    expect(result).toMatchObject({ pass: false, checked: 2, failed: 1, sample: ['m2: on ticket tkt_conv_conv1 0 times (acknowledged at 1.5 s)'] });
  });

  it('finds each 2xx reply once in the conversation', () => {
    const result = checkRepliesInConversation([reply('r1'), reply('r2'), reply(null)], snapshot);
    expect(result.failed).toBe(2);
    expect(result.sample).toEqual([
      'r2: in the conversation 0 times (ticket tkt_conv_conv1, 2xx at 2.0 s)',
      'reply "hello" on tkt_conv_conv1: 2xx without the message in the response',
    ]);
  });

  it('wants one ticket for every conversation handed off, seen by the shopper or in the database', () => {
    const handedOff = handedOffConversations([{ conversationId: 'conv1', shopper: 1, atMs: 0 }], snapshot);
    expect([...handedOff].sort()).toEqual(['conv1', 'conv3']);
    expect(checkOneTicketPerHandoff(handedOff, snapshot)).toMatchObject({ failed: 1, sample: ['conv3: 0 tickets'] });
  });

  it('names a ticket claim-next gave out that the database does not have', () => {
    const result = checkNoDoubleAssignment(
      [
        { agentId: 'a1', ticketId: 'tkt_conv_conv1', conversationId: 'conv1', atMs: 0, instance: 'ticketing-1' },
        { agentId: 'a2', ticketId: 'tkt_gone', conversationId: null, atMs: 0, instance: 'ticketing-2' },
      ],
      snapshot,
    );
    expect(result).toMatchObject({ pass: false, failed: 1, sample: ['tkt_gone: claimed, but not in the database'] });
  });
});
