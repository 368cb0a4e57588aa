import { MongoBulkWriteError, type Collection, type Document, type OptionalUnlessRequiredId } from 'mongodb';

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
      if (!(error instanceof MongoBulkWriteError)) {
        for (const item of batch) item.reject(error);
        return;
      }
      // Unordered: every document was tried; the errors name the ones that were not stored.
      const failed = new Map<number, unknown>();
      const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      for (const writeError of writeErrors) failed.set(writeError.index, writeError);
      batch.forEach((item, index) => {
        const writeError = failed.get(index) as { code?: number; errmsg?: string } | undefined;
        if (!writeError) item.resolve('inserted');
        else if (writeError.code === 11000) item.resolve('duplicate');
        else item.reject(new Error(`insert failed: ${writeError.errmsg ?? 'unknown error'}`));
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

export type GroupCommit<T extends Document> = ReturnType<typeof createGroupCommit<T>>;
