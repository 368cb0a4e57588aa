import type { Connection } from 'mongoose';
import { isDuplicateKeyError, ServiceUnavailableError } from '@loyaldesk/platform/errors';
import { npsIntervalDays } from './survey-flow.ts';

interface NpsAskedDocument {
  _id: string;
  askedAt: Date;
}

/** When each customer was last asked for NPS (`survey_nps_asked`, `_id` = customer id). */
export type NpsSchedule = ReturnType<typeof createNpsSchedule>;

export function createNpsSchedule(connection: Connection) {
  const db = connection.db;
  if (!db) throw new ServiceUnavailableError('chat-bot: the database connection is not open');
  const collection = db.collection<NpsAskedDocument>('survey_nps_asked');
  return {
    /**
     * Takes the customer's NPS slot: true for exactly one caller when they were never asked or last
     * asked more than 90 days ago (one conditional upsert; a concurrent or recent ask loses on the
     * unique `_id` and gets false).
     */
    async claim(customerId: string, now: Date): Promise<boolean> {
      const due = new Date(now.getTime() - npsIntervalDays * 86_400_000);
      try {
        const result = await collection.updateOne(
          { _id: customerId, askedAt: { $lte: due } },
          { $set: { askedAt: now } },
          { upsert: true },
        );
        return result.modifiedCount === 1 || result.upsertedCount === 1;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
  };
}
