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

  it('moves the embedded messages of a document from before messages moved out, so its history survives', async () => {
    const id = newConversationId();
    const { id: _omit, version: _version, ...fields } = conversation(id);
    // As the old repository wrote it: no version, the last messages embedded, every message counted.
    const legacyMessages = [message('old5'), { ...message('old6'), author: { kind: 'bot' as const } }, message('old7')];
    await db.connection.db?.collection('conversations').insertOne({
      _id: id as never,
      ...fields,
      messageCount: 8,
      messages: legacyMessages,
      messageIds: legacyMessages.map((item) => item.id),
    });
    // Two instances meet it at once: both move the messages, the second finds them stored.
    const fresh = createConversationRepository(db.connection, { transcriptLength: 10 });
    const alongside = createConversationRepository(db.connection, { transcriptLength: 10 });
    const [seen] = await Promise.all([fresh.transcript(id), alongside.transcript(id)]);
    expect(seen.map((item) => [item.id, item.author.kind])).toEqual([
      ['old5', 'customer'],
      ['old6', 'bot'],
      ['old7', 'customer'],
    ]);
    // New messages follow at the next sequence numbers; a real change drops the embedded array.
    await fresh.appendMessages(id, [message('new8')], now, { customerId: 'cus_1' });
    const other = createConversationRepository(db.connection, { transcriptLength: 10 });
    expect((await other.transcript(id)).map((item) => item.id)).toEqual(['old5', 'old6', 'old7', 'new8']);
    expect((await other.findById(id))?.messageCount).toBe(9);
    const stored = await db.connection.db?.collection('conversations').findOne({ _id: id as never });
    expect(stored).not.toHaveProperty('messages');
    expect(stored?.['version']).toBe(1);
    // Each message once, at the sequence number it had.
    const keys = await db.connection.db
      ?.collection('conversation_messages')
      .find({ _id: { $in: ['05', '06', '07', '08'].map((seq) => `${id}:000000${seq}`) as never[] } })
      .toArray();
    expect(keys?.map((item) => item['id'])).toEqual(['old5', 'old6', 'old7', 'new8']);
  });

  it('keeps the last messages of a long transcript and counts every message', async () => {
    const id = newConversationId();
    await repository.insert(conversation(id));
    for (let i = 0; i < 25; i++) await repository.appendMessages(id, [message(`m${i}`)], now);
    const transcript = await repository.transcript(id);
    expect(transcript.map((item) => item.id)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 15}`));
    expect((await repository.findById(id))?.messageCount).toBe(25);
    // Another instance (no cache) sees the same.
    const other = createConversationRepository(db.connection, { transcriptLength: 10 });
    expect((await other.findById(id))?.messageCount).toBe(25);
    expect((await other.transcript(id, 3)).map((item) => item.id)).toEqual(['m22', 'm23', 'm24']);
  });

  it('stores messages from many conversations in shared batches, each caller answered once stored', async () => {
    const ids = Array.from({ length: 30 }, () => newConversationId());
    await Promise.all(ids.map((id) => repository.insert(conversation(id))));
    const results = await Promise.all(
      ids.map((id) => repository.appendMessages(id, [message(`${id}-a`), message(`${id}-b`)], now)),
    );
    expect(results.every((result) => result?.appended && result.conversation.messageCount === 2)).toBe(true);
    const other = createConversationRepository(db.connection);
    for (const id of ids.slice(0, 3))
      expect((await other.transcript(id)).map((item) => item.id)).toEqual([`${id}-a`, `${id}-b`]);
  });

  it("keeps a turn's outcome on its reply and folds it into the conversation now and then", async () => {
    const id = newConversationId();
    await repository.insert(conversation(id));
    await repository.appendMessages(id, [message('q1')], now);
    await repository.appendMessages(id, [message('a1')], now, { lastOrderNumber: '1042', pending: null });
    const other = createConversationRepository(db.connection);
    expect(await other.findById(id)).toMatchObject({
      lastOrderNumber: '1042',
      pending: null,
      messageCount: 2,
      version: 0,
    });
    // A real change is written to the document (versioned), with the outcomes so far.
    await repository.appendMessages(id, [message('a2')], now, { customerId: 'cus_1', lastOrderNumber: '1043' });
    const third = createConversationRepository(db.connection);
    expect(await third.findById(id)).toMatchObject({
      customerId: 'cus_1',
      lastOrderNumber: '1043',
      messageCount: 3,
      version: 1,
    });
  });

  it('stores messages from two instances of one conversation without losing either', async () => {
    const id = newConversationId();
    await repository.insert(conversation(id));
    const a = createConversationRepository(db.connection);
    const b = createConversationRepository(db.connection);
    await a.findById(id);
    await b.findById(id);
    await Promise.all([a.appendMessages(id, [message('from-a')], now), b.appendMessages(id, [message('from-b')], now)]);
    const ids = (await createConversationRepository(db.connection).transcript(id)).map((item) => item.id);
    expect(ids.sort()).toEqual(['from-a', 'from-b']);
  });

  it('appends an idempotent message id once, also when two appends race', async () => {
    const id = newConversationId();
    await repository.insert(conversation(id));
    const other = createConversationRepository(db.connection);
    const results = await Promise.all([
      repository.appendMessages(id, [message('same')], now, {}, { idempotent: true }),
      other.appendMessages(id, [message('same')], now, {}, { idempotent: true }),
    ]);
    expect(results.filter((result) => result?.appended)).toHaveLength(1);
    expect(await repository.transcript(id)).toHaveLength(1);
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

  it('reads a long unfolded tail in parallel windows: every message counted, the last outcome applied', async () => {
    const id = newConversationId();
    const noFolds = createConversationRepository(db.connection, { foldEvery: 1000 });
    await noFolds.insert(conversation(id));
    for (let i = 0; i < 37; i++) {
      const outcome = i % 2 === 1 ? { lastOrderNumber: String(1000 + i) } : {};
      await noFolds.appendMessages(id, [message(`t${i}`)], now, outcome);
    }
    // Another instance has no copy: the document says 0 messages, the tail (4 + 8 + 16 + 16 reads) says 37.
    const cold = await createConversationRepository(db.connection).findById(id);
    expect(cold).toMatchObject({ messageCount: 37, lastOrderNumber: '1035', version: 0 });
    // …and it stores the next message after them, not over one.
    const other = createConversationRepository(db.connection);
    expect((await other.appendMessages(id, [message('t37')], now))?.conversation.messageCount).toBe(38);
    expect((await other.transcript(id, 2)).map((item) => item.id)).toEqual(['t36', 't37']);
  });

  it('folds the outcomes into the document once `foldEvery` messages carry them', async () => {
    const id = newConversationId();
    const folding = createConversationRepository(db.connection, { foldEvery: 5 });
    await folding.insert(conversation(id));
    for (let i = 0; i < 6; i++) await folding.appendMessages(id, [message(`f${i}`)], now, { lastOrderNumber: `${i}` });
    const stored = await eventuallyStored(() =>
      db.connection.db?.collection('conversations').findOne({ _id: id } as never),
    );
    expect(stored).toMatchObject({ version: 1 });
    expect(await createConversationRepository(db.connection).findById(id)).toMatchObject({
      messageCount: 6,
      lastOrderNumber: '5',
    });
  });

  it('tells whether a message id is among the latest stored (a re-sent client message)', async () => {
    const id = newConversationId();
    await repository.insert(conversation(id));
    const message = { id: 'msg_resent', author: { kind: 'customer' as const }, body: 'hello', at: new Date() };
    expect(await repository.findWithRecentMessage(id, message.id)).toMatchObject({ stored: false });
    await repository.appendMessages(id, [message], new Date(), {}, { idempotent: true });
    // Seen by this instance and by another one reading it fresh.
    expect(await repository.findWithRecentMessage(id, message.id)).toMatchObject({ stored: true });
    expect(await createConversationRepository(db.connection).findWithRecentMessage(id, message.id)).toMatchObject({
      stored: true,
      conversation: { id, messageCount: 1 },
    });
    expect(await repository.findWithRecentMessage('conv_missing', message.id)).toBeNull();
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
