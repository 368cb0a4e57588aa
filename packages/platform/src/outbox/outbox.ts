import type Bull from 'bull';
import { MongoBulkWriteError, type Collection, type Db } from 'mongodb';
import { z } from 'zod';
import { durableJobOptions } from '../jobs/job-queue.ts';
import type { Logger } from '../logger.ts';

/** One event for another app, as its producer records it. */
export interface OutboxEvent {
  /** Stable and natural (a message id, a conversation and a moment): also the Bull job id, so recording or relaying it again adds one job. */
  id: string;
  /** The Bull queue it is relayed to. */
  queue: string;
  /** Events with the same key (a conversation) are relayed in the order they were recorded. */
  key: string;
  payload: unknown;
}

/** The stored event: `_id` = the event id. Deleted once Bull has it, so the collection holds only what is pending. */
interface OutboxDocument {
  _id: string;
  queue: string;
  key: string;
  payload: unknown;
  recordedAt: Date;
  /** Recording order (milliseconds × 1,000 plus a counter): relays go in this order within a key. */
  order: number;
  /** Relay attempts that failed (Redis away, queue unknown). */
  failures: number;
}

const outboxDocumentSchema = z.object({
  _id: z.string().min(1),
  queue: z.string().min(1),
  key: z.string().min(1),
  payload: z.unknown(),
  recordedAt: z.date(),
  order: z.number(),
  failures: z.number().int().min(0).default(0),
});

export const outboxCollection = 'outbox';

/** Events one insert stores at most (FerretDB's one-statement insert batch). */
const insertBatchSize = 100;

/** A recorded event waiting for its batch's insert, and how its caller hears the outcome. */
interface PendingInsert {
  document: OutboxDocument;
  settle(outcome: { inserted: boolean } | { error: unknown }): void;
}

export interface OutboxOptions {
  db: Db;
  /** The queues this process relays to; it sweeps only events for these (another app relays the rest). */
  queues: Readonly<Record<string, Pick<Bull.Queue<unknown>, 'add'>>>;
  logger?: Logger;
  /** How often pending events are looked for (default 2 s): after Redis comes back, or left by a process that died. */
  sweepEveryMs?: number;
  /** How long one relay may take before it counts as failed (default 5 s; Bull may still take the job later, under the same id). */
  relayTimeoutMs?: number;
  /** Events one sweep relays at most (default 500). */
  sweepBatch?: number;
  collectionName?: string;
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * The indexes of a failed `insertMany` (unordered) that were duplicates, when every failure was
 * one and the rest are stored; null when anything else happened (a network error reaches the
 * driver as a MongoBulkWriteError with no write errors; a write concern error): then nothing of
 * the batch is known to be durable.
 */
function duplicatesOnly(error: unknown, batchSize: number): Set<number> | null {
  if (!(error instanceof MongoBulkWriteError) || error.result.getWriteConcernError()) return null;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  if (writeErrors.length === 0 || writeErrors.length + error.insertedCount !== batchSize) return null;
  if (!writeErrors.every((writeError) => writeError.code === 11000)) return null;
  return new Set(writeErrors.map((writeError) => writeError.index));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A transactional outbox: what must reach the other app is recorded in MongoDB (where the record it
 * comes from is, and before anything is acknowledged), then relayed to its Bull queue with retries
 * (job id = event id), and deleted once Bull has it (many per round trip). Relays of one key (a
 * conversation) go in the order recorded, one at a time; a key whose relay failed waits for the
 * next sweep, so nothing overtakes it. After Redis or a process comes back, a sweep relays everything pending. Consumers
 * apply events idempotently by id, so a relay repeated after a crash changes nothing.
 * @example const outbox = createOutbox({ db, queues: { [queueNames.handoff]: handoffQueue } }); outbox.start();
 *          await outbox.record({ id: 'handoff-c1-1700000000000', queue: queueNames.handoff, key: 'c1', payload });
 */
export function createOutbox(options: OutboxOptions) {
  const collection: Collection<OutboxDocument> = options.db.collection<OutboxDocument>(
    options.collectionName ?? outboxCollection,
  );
  const sweepEveryMs = options.sweepEveryMs ?? 2000;
  const relayTimeoutMs = options.relayTimeoutMs ?? 5000;
  const sweepBatch = options.sweepBatch ?? 500;
  const logger = options.logger;
  /** Relays running per key, chained so a key's events go one after another. */
  const chains = new Map<string, Promise<boolean>>();
  /** Keys with an event that failed to relay: their later events wait for the sweep, in order. */
  const blocked = new Set<string>();
  const ownEvents = { queue: { $in: Object.keys(options.queues) } };
  /** Recorded events still to insert, and the insert in flight: one round trip for all recorded meanwhile. */
  const toInsert: PendingInsert[] = [];
  let inserting: Promise<void> | undefined;
  /** Relayed events still to delete, and the delete in flight: one round trip for all relayed meanwhile. */
  const relayedIds: string[] = [];
  let forgetting: Promise<void> | undefined;
  let sequence = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let sweeping: Promise<number> | undefined;
  let stopped = false;
  let relayed = 0;

  function nextOrder(): number {
    sequence = (sequence + 1) % 1000;
    return Date.now() * 1000 + sequence;
  }

  /** Stores one event; false when it was recorded before (a duplicate `_id`). */
  async function insertOne(document: OutboxDocument): Promise<boolean> {
    try {
      await collection.insertOne(document);
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return false;
    }
  }

  /**
   * Stores a batch with one `insertMany`. When that fails (a duplicate among them, the database
   * away), each is inserted on its own, so each caller gets its own answer: stored, recorded
   * before, or the error (then nothing is acknowledged on it).
   */
  async function insertBatch(batch: readonly PendingInsert[]): Promise<void> {
    if (batch.length > 1) {
      try {
        await collection.insertMany(
          batch.map((entry) => entry.document),
          { ordered: false },
        );
        for (const entry of batch) entry.settle({ inserted: true });
        return;
      } catch (error) {
        const duplicates = duplicatesOnly(error, batch.length);
        if (duplicates) {
          for (const [index, entry] of batch.entries()) entry.settle({ inserted: !duplicates.has(index) });
          return;
        }
        // Nothing of the batch is known to be stored (the database away, a write concern error):
        // each on its own below. Any the batch did store count as recorded before (the sweep relays them).
      }
    }
    for (const entry of batch) {
      await insertOne(entry.document).then(
        (inserted) => entry.settle({ inserted }),
        (error: unknown) => entry.settle({ error }),
      );
    }
  }

  /**
   * Stores an event at once when no insert is in flight; otherwise with the others recorded
   * meanwhile, in the next insert (group commit: one round trip per batch, not per event, and no
   * added wait when idle).
   */
  function insertBatched(document: OutboxDocument): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      toInsert.push({
        document,
        settle: (outcome) => ('error' in outcome ? reject(outcome.error) : resolve(outcome.inserted)),
      });
      inserting ??= (async () => {
        while (toInsert.length > 0) await insertBatch(toInsert.splice(0, insertBatchSize));
        inserting = undefined;
      })();
    });
  }

  /**
   * Deletes relayed events, many per round trip (one `delete` command with a statement per `_id`,
   * each on the `_id` index). A delete that fails (database away) leaves them for the next sweep,
   * which relays them again under the same job ids: Bull adds nothing for those.
   */
  async function deleteRelayed(ids: readonly string[]): Promise<void> {
    for (let start = 0; start < ids.length; start += sweepBatch) {
      const batch = ids.slice(start, start + sweepBatch);
      await collection
        .bulkWrite(
          batch.map((id) => ({ deleteOne: { filter: { _id: id } } })),
          { ordered: false },
        )
        .catch((error: unknown) => {
          logger?.warn({ err: error, events: batch.length }, 'relayed outbox events not yet deleted');
        });
    }
  }

  /** Forgets a relayed event with the others relayed meanwhile: one delete per batch, not per event. */
  function forget(id: string): void {
    relayedIds.push(id);
    forgetting ??= (async () => {
      // Relays that finish in the same turn join this batch; later ones wait for the next.
      await new Promise((resolve) => setImmediate(resolve));
      while (relayedIds.length > 0) await deleteRelayed(relayedIds.splice(0));
      forgetting = undefined;
    })();
  }

  /** Hands one event to Bull; false when Bull did not take it (it stays pending). Deleting it is the caller's. */
  async function relay(document: OutboxDocument): Promise<boolean> {
    const queue = Object.hasOwn(options.queues, document.queue) ? options.queues[document.queue] : undefined;
    try {
      if (!queue) throw new Error(`no queue ${document.queue} is open in this process`);
      await withTimeout(
        queue.add(document.payload, { ...durableJobOptions, jobId: document._id }),
        relayTimeoutMs,
        `relaying ${document._id}`,
      );
    } catch (error) {
      blocked.add(document.key);
      logger?.warn({ err: error, eventId: document._id, queue: document.queue }, 'outbox event not relayed yet');
      await collection.updateOne({ _id: document._id }, { $inc: { failures: 1 } }).catch(() => undefined);
      return false;
    }
    relayed++;
    return true;
  }

  /**
   * Runs `relay` after the key's earlier relays. A fresh event (`record`) is not relayed when an
   * earlier one of its key failed: it waits for the sweep, which relays the key from its oldest event.
   */
  function chained(
    document: OutboxDocument,
    afterFailure: 'skip' | 'relay',
    relayed: (id: string) => void = forget,
  ): Promise<boolean> {
    const previous = chains.get(document.key) ?? Promise.resolve(true);
    const next = previous.then(async (ok) => {
      if (!ok && afterFailure === 'skip') {
        blocked.add(document.key);
        return false;
      }
      // Bull has it once this is true; deleting it may lag (or fail): a sweep meanwhile relays it again, under the same job id.
      const done = await relay(document);
      if (done) relayed(document._id);
      return done;
    });
    chains.set(document.key, next);
    void next.finally(() => {
      if (chains.get(document.key) === next) chains.delete(document.key);
    });
    return next;
  }

  /** Relays every pending event (oldest first), one key at a time in order; stops a key at its first failure. */
  async function sweepOnce(): Promise<number> {
    // Only this process's queues: the apps share the collection, each relays what it produces.
    // One reply (batchSize = limit): FerretDB holds a SQLite connection per open cursor until its
    // getMore, and under a backlog those getMores queued behind writes that waited on FerretDB's
    // writer, who waited for a connection (both apps froze after a Redis restart).
    const found = await collection
      .find(ownEvents, { sort: { order: 1 }, limit: sweepBatch, batchSize: sweepBatch })
      .toArray();
    const byKey = new Map<string, OutboxDocument[]>();
    for (const raw of found) {
      const parsed = outboxDocumentSchema.safeParse(raw);
      if (!parsed.success) {
        logger?.error({ eventId: raw._id, issues: parsed.error.issues }, 'malformed outbox event left in place');
        continue;
      }
      const list = byKey.get(parsed.data.key) ?? [];
      list.push(parsed.data);
      byKey.set(parsed.data.key, list);
    }
    let count = 0;
    // What this sweep relayed is deleted at its end, in one round trip per `sweepBatch`.
    const relayedHere: string[] = [];
    const collect = (id: string): void => void relayedHere.push(id);
    await Promise.all(
      [...byKey.entries()].map(async ([key, documents]) => {
        blocked.delete(key);
        for (const [index, document] of documents.entries()) {
          if (!(await chained(document, index === 0 ? 'relay' : 'skip', collect))) return;
          count++;
        }
      }),
    );
    await deleteRelayed(relayedHere);
    return count;
  }

  function sweep(): Promise<number> {
    sweeping ??= sweepOnce().finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  }

  return {
    /**
     * Records an event: resolves once it is stored in MongoDB (a second record of the same id is a
     * no-op; events recorded at the same time share one insert), and starts relaying it. Throws when the database does not take it: the caller must then
     * not acknowledge what the event comes from.
     */
    async record(event: OutboxEvent): Promise<void> {
      const document: OutboxDocument = {
        _id: event.id,
        queue: event.queue,
        key: event.key,
        payload: event.payload,
        recordedAt: new Date(),
        order: nextOrder(),
        failures: 0,
      };
      // Recorded before: relayed already, or pending for the sweep.
      if (!(await insertBatched(document))) return;
      if (!blocked.has(event.key) && !stopped) void chained(document, 'skip');
    },

    /** Relays what is pending now (also run every `sweepEveryMs` once started); the number relayed. */
    sweep,

    /** Sweeps on a timer until `stop`. */
    start(): void {
      stopped = false;
      timer ??= setInterval(() => {
        sweep().catch((error: unknown) => logger?.debug({ err: error }, 'outbox sweep failed; next one soon'));
      }, sweepEveryMs);
      timer.unref();
    },

    /** Stops the timer and waits for relays in flight. */
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      await inserting;
      await sweeping?.catch(() => undefined);
      await Promise.allSettled([...chains.values()]);
      await forgetting;
    },

    /** Events still waiting for Bull (a count over the collection, for health and tests). */
    pending(): Promise<number> {
      return collection.countDocuments(ownEvents);
    },

    /** Events this process has handed to Bull since it started. */
    get relayed(): number {
      return relayed;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
