import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';
import { recentDeliveryProblemsLimit, type DeliveryProblemFollowUp } from '../definitions/delivery-problem-follow-up.ts';
import { collectionOf } from './database-collection.ts';

type DeliveryProblemDocument = Omit<DeliveryProblemFollowUp, 'problemId'> & { _id: string };
interface RecentProblem {
  problemId: string;
  at: Date;
}
type RecentProblemsDocument = { _id: string; problems: RecentProblem[] };

function fromDocument(document: DeliveryProblemDocument): DeliveryProblemFollowUp {
  const { _id, ...rest } = document;
  return { problemId: _id, ...rest };
}

/** Delivery-problem follow-ups (`_id` = problem id) and each customer's recent ones (`_id` = customer id); the scan is for the rebuild. */
export type DeliveryProblemRepository = ReturnType<typeof createDeliveryProblemRepository>;

export function createDeliveryProblemRepository(connection: Connection) {
  const problems = collectionOf<DeliveryProblemDocument>(connection, 'delivery_problem_follow_ups');
  const recent = collectionOf<RecentProblemsDocument>(connection, 'customer_recent_delivery_problems');
  return {
    /** Stores the problem once (false when it was stored before), and lists it among the customer's recent ones. */
    async insert(problem: DeliveryProblemFollowUp): Promise<boolean> {
      const { problemId, ...fields } = problem;
      try {
        await problems.insertOne({ _id: problemId, ...fields });
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
      try {
        // One atomic push per problem (concurrent problems of a customer both land).
        await recent.updateOne(
          { _id: problem.customerId, 'problems.problemId': { $ne: problemId } },
          { $push: { problems: { problemId, at: problem.at } } },
          { upsert: true },
        );
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      return true;
    },

    async recentOf(customerId: string): Promise<RecentProblem[]> {
      const problems = (await recent.findOne({ _id: customerId }))?.problems ?? [];
      return [...problems].sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, recentDeliveryProblemsLimit);
    },

    /** Records the first repurchase once; the follow-up as it was before, or null when one was recorded already. */
    async markRepurchased(problemId: string, placedAt: Date): Promise<DeliveryProblemFollowUp | null> {
      const before = await problems.findOneAndUpdate(
        { _id: problemId, repurchasedAt: null },
        { $set: { repurchasedAt: placedAt } },
        { returnDocument: 'before' },
      );
      return before ? fromDocument(before) : null;
    },

    async *findAll(batchSize = 1000): AsyncGenerator<DeliveryProblemFollowUp> {
      for await (const document of problems.find({}).batchSize(batchSize)) yield fromDocument(document);
    },
  };
}
