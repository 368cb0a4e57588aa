import { MongoBulkWriteError, type Collection, type Document, type OptionalUnlessRequiredId } from 'mongodb';
import { ServiceUnavailableError } from '@loyaldesk/platform/errors';

/** How one document of a batch fared: stored now, or its `_id` was stored before (a retry or a race). */
export type InsertOutcome = 'inserted' | 'duplicate';

interface PendingInsert<T> {
  document: OptionalUnlessRequiredId<T>;
  resolve: (outcome: InsertOutcome) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions {
  /**
   * How long the first pending document waits for others before its batch goes out. 0 (the
   * default): no wait while a batch slot is free, only the rest of the current event-loop turn;
   * documents that come while every slot is busy batch up behind them.
   */
  maxDelayMs?: number;
  /** A batch goes out at once when this many are pending. */
  maxDocuments?: number;
  /** Batches in flight at once; more pending documents wait for one to finish (and so batch up). */
  maxInFlight?: number;
}

/**
 * Group commit for insert-only documents: inserts from every conversation that arrive while a
 * batch is being written go out together as one unordered `insertMany`; each caller resolves when
 * its batch is stored. On FerretDB (SQLite) every write is a transaction, so a batch costs little
 * more than one insert, and "stored before acknowledged" still holds. No timer by default: a
 * fixed wait (2 ms, measured) added more latency than the batching saved (insertOne alone is
 * ~0.4 ms here); under load the batches form by themselves while slots are busy. A duplicate
 * `_id` is an outcome, not an error: ids are natural keys, so it means "stored before".
 * @example const writer = createGroupCommit(collection); await writer.insert({ _id: 'conv_1:00000000', ... });
 */
export function createGroupCommit<T extends Document>(collection: Collection<T>, options: GroupCommitOptions = {}) {
  const maxDelayMs = options.maxDelayMs ?? 0;
  const maxDocuments = options.maxDocuments ?? 500;
  const maxInFlight = options.maxInFlight ?? 2;
  let pending: PendingInsert<T>[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let immediate: ReturnType<typeof setImmediate> | undefined;
  let inFlight = 0;

  function schedule(): void {
    if (pending.length === 0 || inFlight >= maxInFlight) return;
    if (pending.length >= maxDocuments) {
      flush();
      return;
    }
    if (maxDelayMs === 0) {
      immediate ??= setImmediate(() => {
        immediate = undefined;
        if (inFlight < maxInFlight) flush();
      });
      return;
    }
    timer ??= setTimeout(() => {
      timer = undefined;
      if (inFlight < maxInFlight) flush();
    }, maxDelayMs);
  }

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    clearImmediate(immediate);
    immediate = undefined;
    const batch = pending.slice(0, maxDocuments);
    pending = pending.slice(batch.length);
    inFlight++;
    void write(batch).finally(() => {
      inFlight--;
      schedule();
    });
    schedule();
  }

  async function write(batch: PendingInsert<T>[]): Promise<void> {
    try {
      await collection.insertMany(
        batch.map((item) => item.document),
        { ordered: false },
      );
      for (const item of batch) item.resolve('inserted');
    } catch (error) {
      const outcomes = perDocumentOutcomes(error, batch.length);
      if (!outcomes) {
        // A network error, a timeout or an unmet write concern: which documents are durable is
        // unknown, so none is reported stored. Callers retry; ids are natural keys, so a document
        // that did land comes back as 'duplicate' (stored before), never twice.
        const unavailable = new ServiceUnavailableError('The message store did not confirm the write; try again', error);
        for (const item of batch) item.reject(unavailable);
        return;
      }
      batch.forEach((item, index) => {
        const outcome = outcomes.get(index);
        if (outcome === undefined) item.resolve('inserted');
        else if (outcome === 'duplicate') item.resolve('duplicate');
        else item.reject(outcome);
      });
    }
  }

  return {
    /** Stores one document with the next batch; resolves once that batch is stored. */
    insert(document: OptionalUnlessRequiredId<T>): Promise<InsertOutcome> {
      return new Promise<InsertOutcome>((resolve, reject) => {
        pending.push({ document, resolve, reject });
        schedule();
      });
    },
    /** Documents waiting for a batch (for tests and metrics). */
    get pending(): number {
      return pending.length;
    },
  };
}

/**
 * What an unordered `insertMany` that threw says about each document, by its index in the batch:
 * 'duplicate' (its `_id` was stored before) or the error that kept it out; an index not in the map
 * was stored. Null when the error does not account for every document (a network error or timeout
 * the driver wraps in a MongoBulkWriteError with no write errors, or a write concern error): then
 * nothing of the batch is known to be durable.
 */
export function perDocumentOutcomes(error: unknown, batchSize: number): Map<number, 'duplicate' | Error> | null {
  if (!(error instanceof MongoBulkWriteError)) return null;
  if (error.result.getWriteConcernError()) return null;
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  if (writeErrors.length === 0 || writeErrors.length + error.insertedCount !== batchSize) return null;
  const outcomes = new Map<number, 'duplicate' | Error>();
  for (const writeError of writeErrors) {
    outcomes.set(
      writeError.index,
      writeError.code === 11000 ? 'duplicate' : new Error(`insert failed: ${writeError.errmsg ?? 'unknown error'}`),
    );
  }
  return outcomes;
}

export type GroupCommit<T extends Document> = ReturnType<typeof createGroupCommit<T>>;
