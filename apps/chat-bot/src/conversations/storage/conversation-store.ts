import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { chatLimits } from '@loyaldesk/contracts/chat-events';
import { isDuplicateKeyError, ServiceUnavailableError } from '@loyaldesk/platform/errors';
import type { Conversation, ConversationPatch, StoredMessage } from '../conversation.ts';
import { changedFields, setFields, type ConversationChange } from '../conversation-change.ts';
import { createGroupCommit, type GroupCommitOptions } from './group-commit.ts';

/**
 * The stored conversation document: small and bounded (no messages). `messageCount` here is the
 * fold mark: the outcomes of every message before it are in the document's fields; messages from
 * it on may carry an `outcome` still to apply (see `load`).
 */
type ConversationDocument = Omit<Conversation, 'id'> & {
  _id: string;
  /** The ids of the last messages at the fold mark (with the tail past it: the ids a retried message is checked against). */
  recentMessageIds: string[];
};

/** One stored message, insert-only: `_id` = `<conversationId>:<seq, 8 digits>`. */
type MessageDocument = StoredMessage & {
  _id: string;
  conversationId: string;
  seq: number;
  /** The turn's outcome (pending question, last order, …) stored with its reply instead of a conversation write. */
  outcome?: TurnOutcome;
};

/** The fields a bot turn changes all the time: kept on the reply's message document, not written to the conversation. */
const outcomeFields = ['language', 'pending', 'lastOrderNumber', 'consecutiveFallbacks'] as const;
export type TurnOutcome = Partial<Pick<Conversation, (typeof outcomeFields)[number]>>;

export const conversationsCollection = 'conversations';
export const conversationMessagesCollection = 'conversation_messages';

/**
 * How many of the latest message ids a retried message (same client id, or an agent reply every
 * instance records) is recognised among: a lost acknowledgement is retried within seconds, so far
 * fewer messages than this come in between.
 */
const recentIdsKept = 50;

/** A message's `_id`: the conversation and its zero-padded sequence number (found by `_id`, the one lookup FerretDB serves without a scan). */
export function messageKey(conversationId: string, seq: number): string {
  return `${conversationId}:${String(seq).padStart(8, '0')}`;
}

interface Cached {
  conversation: Conversation;
  /** The stored document's fold mark (see `ConversationDocument`). */
  foldedAt: number;
  /** The last `recentIdsKept` message ids, oldest first. */
  recentIds: string[];
  /** Until when this copy is used without checking the database (jittered, see `freshFor`). */
  freshUntil: number;
}

export interface ConversationStoreOptions {
  transcriptLength?: number;
  /**
   * A conversation document is rewritten (folding the outcomes) once this many messages carry
   * outcomes past its fold mark. 100 (the default): most chats never need one (a fold is a
   * whole-document write, the costliest thing a turn can do on FerretDB: at 20, a fold burst from
   * conversations that started together doubled the chat's p99), and a cold read of the tail is
   * still a few parallel rounds of `_id` reads.
   */
  foldEvery?: number;
  /** Conversations kept current in memory (least recently written dropped first). */
  cacheSize?: number;
  /** A cached conversation older than this is read again (bounds staleness from other instances). */
  cacheTtlMs?: number;
  groupCommit?: GroupCommitOptions;
}

/** Parallel `_id` reads for a transcript, so a resume costs ~`transcriptLength / readConcurrency` round trips. */
const readConcurrency = 16;

function toStoredMessage(document: MessageDocument): StoredMessage {
  return {
    id: document.id,
    author: document.author,
    body: document.body,
    at: document.at,
    ...(document.quickReplies && document.quickReplies.length > 0 ? { quickReplies: document.quickReplies } : {}),
  };
}

/** A turn's messages to store, with what the turn decided. */
export interface TurnToStore {
  messages: readonly StoredMessage[];
  /**
   * The turn's outcome: fields a turn changes all the time go on its last message; any other
   * change is written to the conversation first.
   */
  outcome?: ConversationPatch;
  /**
   * The first message's id is a natural key (a client's retried send, an agent reply from
   * ticketing): a message with that id stored before is not stored again.
   */
  idempotent?: boolean;
}

/** Where conversations and their messages are kept: what the chat's rules read and write. */
export interface ConversationStore {
  /** Stores a new conversation with the messages shown before the shopper's first one; stored already is fine. */
  create(conversation: Conversation, opening: readonly StoredMessage[], now: Date): Promise<void>;
  /** The conversation as it is now, or null. */
  load(id: string): Promise<Conversation | null>;
  /**
   * The conversation as it is now, and whether a message with this id is among its latest ones
   * (a re-sent client message, recognised before it is answered again); null when there is none.
   */
  loadWithRecentMessage(id: string, messageId: string): Promise<{ conversation: Conversation; stored: boolean } | null>;
  /** The last `limit` (default: the kept transcript length) messages, oldest first. */
  transcript(id: string, limit?: number): Promise<StoredMessage[]>;
  /**
   * Stores a turn's messages; whether anything was added (not when idempotent and stored before),
   * and the conversation after; null when there is no such conversation.
   */
  appendTurn(
    id: string,
    turn: TurnToStore,
    now: Date,
  ): Promise<{ conversation: Conversation; appended: boolean } | null>;
  /** Applies a change (see `ConversationChange`); the conversation after, or null when none or the change declined. */
  changeState(id: string, change: ConversationChange, now: Date): Promise<Conversation | null>;
  /** Forgets this instance's copy (another instance changed the conversation); the next use reads it again. */
  forget(id: string): void;
}

/**
 * Conversations and their messages in MongoDB. The conversation document is small and written only
 * when its state changes (each write conditional on the version read, so instances never overwrite
 * each other); messages are insert-only documents written with group commit. This instance keeps
 * the conversations it works on current in memory, so a turn reads nothing from the database.
 */
export function createConversationStore(
  connection: Connection,
  options: ConversationStoreOptions = {},
): ConversationStore {
  const db = connection.db;
  if (!db) throw new ServiceUnavailableError('chat-bot: the database connection is not open');
  const collection: Collection<ConversationDocument> = db.collection<ConversationDocument>(conversationsCollection);
  const messages: Collection<MessageDocument> = db.collection<MessageDocument>(conversationMessagesCollection);
  const messageWriter = createGroupCommit(messages, options.groupCommit);
  const keep = options.transcriptLength ?? chatLimits.transcriptLength;
  const foldEvery = options.foldEvery ?? 100;
  const cacheSize = options.cacheSize ?? 20_000;
  const cacheTtlMs = options.cacheTtlMs ?? 60_000;
  const cache = new Map<string, Cached>();
  /** Conversations with a fold write in flight. */
  const folding = new Set<string>();
  const maxFolding = 2;

  // Spread over ±25% of the TTL: conversations that started together (a campaign, a benchmark)
  // would otherwise all be checked in the same second, a burst of reads that stalls every turn.
  const freshFor = (): number => Date.now() + cacheTtlMs * (0.75 + Math.random() * 0.5);

  function remember(entry: Omit<Cached, 'freshUntil'>): Conversation {
    const id = entry.conversation.id;
    cache.delete(id);
    // Spelled out rather than `{ ...entry, freshUntil }`, which on Node 20's V8 makes a new hidden
    // class per call (apps/chat-bot/README.md, "Where the old generation's growth comes from").
    const cached: Cached = {
      conversation: entry.conversation,
      foldedAt: entry.foldedAt,
      recentIds: entry.recentIds,
      freshUntil: freshFor(),
    };
    cache.set(id, cached);
    if (cache.size > cacheSize) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return entry.conversation;
  }

  /** The conversation as it is now: from memory, or its document plus the outcomes of the messages past its fold mark. */
  async function load(id: string): Promise<Cached | null> {
    const cached = cache.get(id);
    if (cached && Date.now() < cached.freshUntil) return cached;
    const document = await collection.findOne({ _id: id });
    if (!document) {
      cache.delete(id);
      return null;
    }
    // An old copy is still current if nobody wrote the document or stored a message since: two reads, not a tail.
    if (
      cached &&
      document.version === cached.conversation.version &&
      !(await messages.findOne({ _id: messageKey(id, cached.conversation.messageCount) }))
    ) {
      cached.freshUntil = freshFor();
      return cached;
    }
    const { _id, recentMessageIds, ...stored } = document;
    const recentIds = [...recentMessageIds];
    let conversation: Conversation = { ...stored, id: _id };
    // The tail past the fold mark: at most `foldEvery` (plus a turn) reads by `_id`, in parallel
    // windows of 4, 8, then `readConcurrency` (sequence numbers have no gaps, so the first missing
    // one ends the tail; a short tail, the usual case, costs a few reads).
    let seq = document.messageCount;
    for (let width = 4, ended = false; !ended; width = Math.min(width * 2, readConcurrency)) {
      const from = seq;
      const window = await Promise.all(
        Array.from({ length: width }, (_, offset) => messages.findOne({ _id: messageKey(id, from + offset) })),
      );
      for (const message of window) {
        if (!message) {
          ended = true;
          break;
        }
        if (message.outcome) conversation = { ...conversation, ...message.outcome };
        recentIds.push(message.id);
        seq++;
      }
    }
    conversation = { ...conversation, messageCount: seq };
    remember({ conversation, foldedAt: document.messageCount, recentIds: recentIds.slice(-recentIdsKept) });
    return cache.get(id) ?? null;
  }

  /**
   * Writes the conversation document whole (it is small) if `decide` allows it on the conversation
   * as it is now, conditional on the version read; on a lost race it reads again and decides again.
   * Returns the conversation after, or null when there is none or `decide` declined.
   */
  async function write(id: string, decide: ConversationChange, now: Date): Promise<Conversation | null> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = await load(id);
      if (!current) return null;
      const patch = decide(current.conversation);
      if (patch === null) return null;
      const next: Conversation = { ...current.conversation, ...patch, updatedAt: now };
      const { id: _id, version, ...fields } = next;
      const written = await collection.findOneAndUpdate(
        { _id: id, version },
        // New keys before the spread: on Node 20 a spread followed by keys it lacks makes a new hidden
        // class on every call (README, "Where the old generation's growth comes from").
        { $set: { version: version + 1, recentMessageIds: current.recentIds, ...fields } },
        { returnDocument: 'after' },
      );
      if (written) {
        // Messages this instance stored meanwhile (a fold runs beside the next turn) stay counted, with
        // the outcomes they carried: messages are insert-only, so a higher count seen here is real and
        // the remembered count must never go back (whatever version that copy was remembered with).
        const latest = cache.get(id);
        const ahead = latest !== undefined && latest.conversation.messageCount > next.messageCount;
        const carried = ahead ? pickOutcome(latest.conversation) : {};
        return remember({
          conversation: ahead
            ? { ...next, ...carried, ...patch, messageCount: latest.conversation.messageCount, version: version + 1 }
            : { ...next, version: version + 1 },
          foldedAt: next.messageCount,
          recentIds: ahead ? latest.recentIds : current.recentIds,
        });
      }
      cache.delete(id); // someone else wrote it: read it again
    }
    throw new ServiceUnavailableError(`chat-bot: conversation ${id} kept changing under a write`);
  }

  function pickOutcome(conversation: Conversation): TurnOutcome {
    return Object.fromEntries(outcomeFields.map((field) => [field, conversation[field]])) as TurnOutcome;
  }

  function isOutcomeOnly(patch: ConversationPatch): patch is TurnOutcome {
    return Object.keys(patch).every((key) => (outcomeFields as readonly string[]).includes(key));
  }

  /**
   * Inserts messages at the next sequence numbers; one taken meanwhile (another instance) is retried
   * at a later one. Returns null when `idempotent` and the first message turns out to be stored
   * already: two instances storing the same message race for the same next slot, and the loser
   * finds it in the tail it reads again.
   */
  async function insertMessages(
    id: string,
    toStore: readonly StoredMessage[],
    outcome: TurnOutcome | null,
    idempotent: boolean,
  ): Promise<Cached | null> {
    let remaining = toStore;
    for (let attempt = 0; attempt < 8; attempt++) {
      const current = await load(id);
      if (!current) throw new ServiceUnavailableError(`chat-bot: conversation ${id} vanished while storing messages`);
      const first = toStore[0];
      // Only while none of ours is stored (all lost their slots): then "stored already" means someone else's copy.
      if (idempotent && remaining.length === toStore.length && first && current.recentIds.includes(first.id))
        return null;
      const from = current.conversation.messageCount;
      const documents: MessageDocument[] = remaining.map((message, index) => ({
        _id: messageKey(id, from + index),
        conversationId: id,
        seq: from + index,
        ...message,
        // The turn's outcome goes with the turn's last message, applied once that is stored.
        ...(outcome && Object.keys(outcome).length > 0 && index === remaining.length - 1 ? { outcome } : {}),
      }));
      const outcomes = await Promise.all(documents.map((document) => messageWriter.insert(document)));
      const lost = remaining.filter((_, index) => outcomes[index] === 'duplicate');
      if (lost.length === 0) {
        // A write of this instance (the background fold) may have landed while these were stored:
        // build on the newer copy, so its version and fold mark are not replaced by the older one.
        const latest = cache.get(id);
        const base = latest && latest.conversation.version > current.conversation.version ? latest : current;
        const conversation: Conversation = {
          ...base.conversation,
          ...(outcome ?? {}),
          messageCount: Math.max(base.conversation.messageCount, from + remaining.length),
        };
        const recentIds = [...base.recentIds, ...remaining.map((message) => message.id)].slice(-recentIdsKept);
        remember({ conversation, foldedAt: base.foldedAt, recentIds });
        return cache.get(id) ?? { ...base, conversation, recentIds };
      }
      // Some sequence numbers were taken by another instance: read the tail again and store the rest after it.
      cache.delete(id);
      remaining = lost;
    }
    throw new ServiceUnavailableError(`chat-bot: could not find a free message slot in conversation ${id}`);
  }

  const store: ConversationStore = {
    async create(conversation, opening, now) {
      const { id, version, ...rest } = conversation;
      try {
        await collection.insertOne({ _id: id, ...rest, version, recentMessageIds: [] });
      } catch (error) {
        // Stored already (another tab of it was first): it carries on as stored.
        if (isDuplicateKeyError(error)) return;
        throw error;
      }
      remember({ conversation, foldedAt: conversation.messageCount, recentIds: [] });
      if (opening.length > 0) await store.appendTurn(id, { messages: opening }, now);
    },

    async load(id) {
      return (await load(id))?.conversation ?? null;
    },

    async loadWithRecentMessage(id, messageId) {
      const current = await load(id);
      return current ? { conversation: current.conversation, stored: current.recentIds.includes(messageId) } : null;
    },

    /** Read by `_id` in parallel. */
    async transcript(id, limit = keep) {
      const current = await load(id);
      if (!current) return [];
      const end = current.conversation.messageCount;
      const seqs = Array.from({ length: Math.min(limit, end) }, (_, index) => end - Math.min(limit, end) + index);
      const found: Array<StoredMessage | null> = new Array<StoredMessage | null>(seqs.length).fill(null);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(readConcurrency, seqs.length) }, async () => {
          for (let index = next++; index < seqs.length; index = next++) {
            const document = await messages.findOne({ _id: messageKey(id, seqs[index] ?? 0) });
            found[index] = document ? toStoredMessage(document) : null;
          }
        }),
      );
      return found.filter((message): message is StoredMessage => message !== null);
    },

    /** Messages are stored with group commit; the outcome's fields a turn changes all the time go on the last one. */
    async appendTurn(id, turn, now) {
      const current = await load(id);
      if (!current) return null;
      const toStore = turn.messages;
      const patch = turn.outcome ?? {};
      if (toStore.length === 0) return { conversation: current.conversation, appended: false };
      const idempotent = turn.idempotent ?? false;
      const first = toStore[0];
      if (idempotent && first && current.recentIds.includes(first.id))
        return { conversation: current.conversation, appended: false };
      let changed = changedFields(current.conversation, patch);
      if (!isOutcomeOnly(changed)) {
        await write(id, setFields(patch), now);
        changed = {};
      }
      const stored = await insertMessages(id, toStore, changed, idempotent);
      if (!stored) return { conversation: (await load(id))?.conversation ?? current.conversation, appended: false };
      const due = stored.conversation.messageCount - stored.foldedAt >= foldEvery;
      if (due && folding.size < maxFolding && !folding.has(id)) {
        // Fold the outcomes into the document so a cold read stays a few `_id` lookups. Off the
        // turn's path (the reply need not wait for it); a lost race is fine (someone wrote it).
        // At most `maxFolding` at once: conversations that started together reach the mark
        // together, and a burst of document writes (one at a time on FerretDB) would stall every
        // turn; a fold not started now is tried again with the conversation's next message.
        folding.add(id);
        void write(id, () => ({}), now)
          .catch(() => undefined)
          .finally(() => folding.delete(id));
      }
      return { conversation: cache.get(id)?.conversation ?? stored.conversation, appended: true };
    },

    changeState(id, change, now) {
      return write(id, change, now);
    },

    forget(id) {
      cache.delete(id);
    },
  };
  return store;
}
