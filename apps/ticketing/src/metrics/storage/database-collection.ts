import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';

/** A driver collection on an open connection (repositories here use the driver: one round trip, plain objects). */
export function collectionOf<T extends Document>(connection: Connection, name: string): Collection<T> {
  const db = connection.db;
  if (!db) throw new Error('metrics: the database connection is not open');
  return db.collection<T>(name);
}
