import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { newConversation, newConversationId, type Conversation, type StoredMessage } from './conversation.ts';
import { createConversationRepository, type ConversationRepository } from './conversation-repository.ts';

const now = new Date('2026-03-01T10:00:00Z');

const conversation = (id: string): Conversation => newConversation({ id, shop: null, language: 'en', now });

const message = (id: string): StoredMessage => ({ id, author: { kind: 'customer' }, body: `message ${id}`, at: now });

describe('ConversationRepository', () => {
  let db: TestDatabase;
  let repository: ConversationRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    repository = createConversationRepository(db.connection, { transcriptLength: 10 });
  });
  afterAll(() => db.drop());

  it('keeps the last messages of a long transcript and counts every message', async () => {
    const id = newConversationId();
    await repository.insert(conversation(id));
    for (let i = 0; i < 25; i++) await repository.appendMessages(id, [message(`m${i}`)], now);
    const stored = await repository.findById(id);
    expect(stored?.messages.map((item) => item.id)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 15}`));
    expect(stored?.messageCount).toBe(25);
  });

  it('appends a message id once, also when two appends race', async () => {
    const id = newConversationId();
    await repository.insert(conversation(id));
    const results = await Promise.all([
      repository.appendMessages(id, [message('same')], now),
      repository.appendMessages(id, [message('same')], now),
    ]);
    expect(results.filter((result) => result?.appended)).toHaveLength(1);
    expect((await repository.findById(id))?.messages).toHaveLength(1);
    expect(await repository.appendMessages('conv_missing', [message('x')], now)).toBeNull();
  });

  it('applies a state transition for exactly one of several callers', async () => {
    const id = newConversationId();
    await repository.insert(conversation(id));
    const results = await Promise.all(
      Array.from({ length: 5 }, () => repository.transition(id, ['bot'], { state: 'waiting' }, now)),
    );
    expect(results.filter((result) => result !== null)).toHaveLength(1);
  });

  it('records the ticket id the first time only', async () => {
    const id = newConversationId();
    await repository.insert({
      ...conversation(id),
      handoff: { reason: 'requested', issueKind: 'general', requestedAt: now, jobId: `handoff-${id}`, ticketId: null },
    });
    expect((await repository.setTicketIdIfUnknown(id, 'tkt_1', now))?.handoff?.ticketId).toBe('tkt_1');
    expect(await repository.setTicketIdIfUnknown(id, 'tkt_2', now)).toBeNull();
    expect((await repository.findById(id))?.handoff?.ticketId).toBe('tkt_1');
  });
});
