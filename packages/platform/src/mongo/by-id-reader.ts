import { MongoNetworkError, type Db, type Document } from 'mongodb';
import { z } from 'zod';

/** The part of a `find` command's reply read here (`cursor.firstBatch`). */
const findReplySchema = z.object({ cursor: z.object({ firstBatch: z.array(z.unknown()) }) });

/**
 * A reader of one collection's documents by `_id`: the `find` command with `limit: 1` and
 * `singleBatch: true`, sent with `db.command`, the same request `Collection.findOne` sends.
 *
 * Why not `findOne`: it builds a cursor around the request (cursor, implicit session, lazily
 * parsed reply documents, close and its events), and on Node 20 most of that outlived two
 * young-generation collections, so each read promoted ~7 KB to the old generation and brought the
 * next mark-compact closer (measured in the chat benchmark at 500 answers/s: old generation growth
 * 7.5 → 3.9 MB/s, CPU 1.5 → 1.1 ms per answer; `apps/chat-bot/README.md`, "Known gaps"). Hot
 * paths that read one document by `_id` use this; everything else keeps the driver's API.
 *
 * Like `findOne` on a retryable-reads deployment, a read that fails on the network is sent once
 * more. The reply's shape is checked; the document itself is the caller's to validate, as with
 * `findOne`'s typed result.
 * @example const orderById = createByIdReader<OrderDocument>(db, 'orders'); await orderById('1042');
 */
export function createByIdReader<TSchema extends Document>(
  db: Db,
  collectionName: string,
): (id: TSchema['_id']) => Promise<TSchema | null> {
  async function read(id: unknown): Promise<TSchema | null> {
    const reply = await db.command({
      find: collectionName,
      filter: { _id: id },
      limit: 1,
      singleBatch: true,
      batchSize: 1,
    });
    const parsed = findReplySchema.safeParse(reply);
    if (!parsed.success)
      throw new Error(
        `find on ${db.databaseName}.${collectionName} returned no cursor.firstBatch: MONGODB_URI must point at MongoDB or FerretDB`,
      );
    const [document] = parsed.data.cursor.firstBatch;
    return (document ?? null) as TSchema | null;
  }
  return async (id) => {
    try {
      return await read(id);
    } catch (error) {
      if (!(error instanceof MongoNetworkError)) throw error;
      return read(id);
    }
  };
}
