import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { newConversation, newConversationId, type Conversation, type StoredMessage } from '../conversation.ts';
import { ticketIdIfUnknown, transitionFrom } from '../conversation-change.ts';
import { createConversationStore, type ConversationStore } from './conversation-store.ts';

const now = new Date('2026-03-01T10:00:00Z');

const conversation = (id: string): Conversation => newConversation({ id, shop: null, language: 'en', now });

const message = (id: string): StoredMessage => ({ id, author: { kind: 'customer' }, body: `message ${id}`, at: now });

describe('ConversationStore', () => {
  let db: TestDatabase;
  let repository: ConversationStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    repository = createConversationStore(db.connection, { transcriptLength: 10 });
  });
  afterAll(() => db.drop());

  it('creates a conversation with its opening messages once; a second create of it keeps the first', async () => {
    const id = newConversationId();
    await repository.create(conversation(id), [message('greeting')], now);
    await createConversationStore(db.connection).create(
      { ...conversation(id), language: 'zh-Hans' },
      [message('again')],
      now,
    );
    const other = createConversationStore(db.connection);
    expect(await other.load(id)).toMatchObject({ language: 'en', messageCount: 1 });
    expect((await other.transcript(id)).map((item) => item.id)).toEqual(['greeting']);
  });

  it('keeps the last messages of a long transcript and counts every message', async () => {
    const id = newConversationId();
    await repository.create(conversation(id), [], now);
    for (let i = 0; i < 25; i++) await repository.appendTurn(id, { messages: [message(`m${i}`)] }, now);
    const transcript = await repository.transcript(id);
    expect(transcript.map((item) => item.id)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 15}`));
    expect((await repository.load(id))?.messageCount).toBe(25);
    // Another instance (no cache) sees the same.
    const other = createConversationStore(db.connection, { transcriptLength: 10 });
    expect((await other.load(id))?.messageCount).toBe(25);
    expect((await other.transcript(id, 3)).map((item) => item.id)).toEqual(['m22', 'm23', 'm24']);
  });

  it('stores messages from many conversations in shared batches, each caller answered once stored', async () => {
    const ids = Array.from({ length: 30 }, () => newConversationId());
    await Promise.all(ids.map((id) => repository.create(conversation(id), [], now)));
    const results = await Promise.all(
      ids.map((id) => repository.appendTurn(id, { messages: [message(`${id}-a`), message(`${id}-b`)] }, now)),
    );
    expect(results.every((result) => result?.appended && result.conversation.messageCount === 2)).toBe(true);
    const other = createConversationStore(db.connection);
    for (const id of ids.slice(0, 3))
      expect((await other.transcript(id)).map((item) => item.id)).toEqual([`${id}-a`, `${id}-b`]);
  });

  it("keeps a turn's outcome on its reply and folds it into the conversation now and then", async () => {
    const id = newConversationId();
    await repository.create(conversation(id), [], now);
    await repository.appendTurn(id, { messages: [message('q1')] }, now);
    await repository.appendTurn(
      id,
      { messages: [message('a1')], outcome: { lastOrderNumber: '1042', pending: null } },
      now,
    );
    const other = createConversationStore(db.connection);
    expect(await other.load(id)).toMatchObject({
      lastOrderNumber: '1042',
      pending: null,
      messageCount: 2,
      version: 0,
    });
    // A real change is written to the document (versioned), with the outcomes so far.
    await repository.appendTurn(
      id,
      { messages: [message('a2')], outcome: { customerId: 'cus_1', lastOrderNumber: '1043' } },
      now,
    );
    const third = createConversationStore(db.connection);
    expect(await third.load(id)).toMatchObject({
      customerId: 'cus_1',
      lastOrderNumber: '1043',
      messageCount: 3,
      version: 1,
    });
  });

  it('stores messages from two instances of one conversation without losing either', async () => {
    const id = newConversationId();
    await repository.create(conversation(id), [], now);
    const a = createConversationStore(db.connection);
    const b = createConversationStore(db.connection);
    await a.load(id);
    await b.load(id);
    await Promise.all([
      a.appendTurn(id, { messages: [message('from-a')] }, now),
      b.appendTurn(id, { messages: [message('from-b')] }, now),
    ]);
    const ids = (await createConversationStore(db.connection).transcript(id)).map((item) => item.id);
    expect(ids.sort()).toEqual(['from-a', 'from-b']);
  });

  it('appends an idempotent message id once, also when two appends race', async () => {
    const id = newConversationId();
    await repository.create(conversation(id), [], now);
    const other = createConversationStore(db.connection);
    const results = await Promise.all([
      repository.appendTurn(id, { messages: [message('same')], idempotent: true }, now),
      other.appendTurn(id, { messages: [message('same')], idempotent: true }, now),
    ]);
    expect(results.filter((result) => result?.appended)).toHaveLength(1);
    expect(await repository.transcript(id)).toHaveLength(1);
    expect(await repository.appendTurn('conv_missing', { messages: [message('x')] }, now)).toBeNull();
  });

  it('applies a state transition for exactly one of several callers', async () => {
    const id = newConversationId();
    await repository.create(conversation(id), [], now);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => repository.changeState(id, transitionFrom(['bot'], { state: 'waiting' }), now)),
    );
    expect(results.filter((result) => result !== null)).toHaveLength(1);
  });

  it('records the ticket id the first time only', async () => {
    const id = newConversationId();
    await repository.create(
      {
        ...conversation(id),
        handoff: {
          reason: 'requested',
          issueKind: 'general',
          requestedAt: now,
          jobId: `handoff-${id}`,
          ticketId: null,
        },
      },
      [],
      now,
    );
    expect((await repository.changeState(id, ticketIdIfUnknown('tkt_1'), now))?.handoff?.ticketId).toBe('tkt_1');
    expect(await repository.changeState(id, ticketIdIfUnknown('tkt_2'), now)).toBeNull();
    expect((await repository.load(id))?.handoff?.ticketId).toBe('tkt_1');
  });

  it('reads a long unfolded tail in parallel windows: every message counted, the last outcome applied', async () => {
    const id = newConversationId();
    const noFolds = createConversationStore(db.connection, { foldEvery: 1000 });
    await noFolds.create(conversation(id), [], now);
    for (let i = 0; i < 37; i++) {
      const outcome = i % 2 === 1 ? { lastOrderNumber: String(1000 + i) } : {};
      await noFolds.appendTurn(id, { messages: [message(`t${i}`)], outcome }, now);
    }
    // Another instance has no copy: the document says 0 messages, the tail (4 + 8 + 16 + 16 reads) says 37.
    const cold = await createConversationStore(db.connection).load(id);
    expect(cold).toMatchObject({ messageCount: 37, lastOrderNumber: '1035', version: 0 });
    // …and it stores the next message after them, not over one.
    const other = createConversationStore(db.connection);
    expect((await other.appendTurn(id, { messages: [message('t37')] }, now))?.conversation.messageCount).toBe(38);
    expect((await other.transcript(id, 2)).map((item) => item.id)).toEqual(['t36', 't37']);
  });

  it('folds the outcomes into the document once `foldEvery` messages carry them', async () => {
    const id = newConversationId();
    const folding = createConversationStore(db.connection, { foldEvery: 5 });
    await folding.create(conversation(id), [], now);
    for (let i = 0; i < 6; i++)
      await folding.appendTurn(id, { messages: [message(`f${i}`)], outcome: { lastOrderNumber: `${i}` } }, now);
    const stored = await eventuallyStored(() =>
      db.connection.db?.collection('conversations').findOne({ _id: id } as never),
    );
    expect(stored).toMatchObject({ version: 1 });
    expect(await createConversationStore(db.connection).load(id)).toMatchObject({
      messageCount: 6,
      lastOrderNumber: '5',
    });
  });

  it('tells whether a message id is among the latest stored (a re-sent client message)', async () => {
    const id = newConversationId();
    await repository.create(conversation(id), [], now);
    const message = { id: 'msg_resent', author: { kind: 'customer' as const }, body: 'hello', at: new Date() };
    expect(await repository.loadWithRecentMessage(id, message.id)).toMatchObject({ stored: false });
    await repository.appendTurn(id, { messages: [message], idempotent: true }, new Date());
    // Seen by this instance and by another one reading it fresh.
    expect(await repository.loadWithRecentMessage(id, message.id)).toMatchObject({ stored: true });
    expect(await createConversationStore(db.connection).loadWithRecentMessage(id, message.id)).toMatchObject({
      stored: true,
      conversation: { id, messageCount: 1 },
    });
    expect(await repository.loadWithRecentMessage('conv_missing', message.id)).toBeNull();
  });
});

/** The fold runs beside the turn: polls until the document shows it. */
async function eventuallyStored<T>(read: () => Promise<T> | undefined): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (value && (value as { version?: number }).version === 1) return value;
    if (Date.now() > deadline) throw new Error(`not folded in time: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
