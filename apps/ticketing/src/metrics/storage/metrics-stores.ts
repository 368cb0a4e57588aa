import type { Connection } from 'mongoose';
import type { Logger } from '@loyaldesk/platform/logger';
import type { RollupRevisions } from '../caches/rollup-revisions.ts';
import {
  createClosedConversationRepository,
  type ClosedConversationRepository,
} from './closed-conversation-repository.ts';
import { createDeliveryProblemRepository, type DeliveryProblemRepository } from './delivery-problem-repository.ts';
import { createFollowUpRepository, type FollowUpRepository } from './follow-up-repository.ts';
import { createRetentionCacheRepository, type RetentionCacheRepository } from './retention-cache-repository.ts';
import { createRollupRepository, type RollupRepository } from './rollup-repository.ts';

/** The repositories the metrics write and read. */
export interface MetricsStores {
  rollups: RollupRepository;
  followUps: FollowUpRepository;
  conversations: ClosedConversationRepository;
  retention: RetentionCacheRepository;
  deliveryProblems: DeliveryProblemRepository;
}

/**
 * The metrics repositories on `connection`. With `revisions`, every rollup write is followed by a
 * revision bump (so cached rollups are re-read); a failed bump is logged, never undoes the write:
 * cached copies then expire by age (see rollup-cache.ts).
 */
export function createMetricsStores(
  connection: Connection,
  options: { revisions?: RollupRevisions; logger?: Logger } = {},
): MetricsStores {
  const rollups = createRollupRepository(connection);
  const { revisions, logger } = options;
  const bumped = async (bump: () => Promise<void>): Promise<void> => {
    await bump().catch((error: unknown) =>
      logger?.error({ err: error }, 'rollup revision bump failed: cached rollups expire by age'),
    );
  };
  return {
    rollups: revisions
      ? {
          ...rollups,
          async apply(increments) {
            await rollups.apply(increments);
            await bumped(() => revisions.bump(increments.keys()));
          },
          async replaceAll(increments, replaceOptions) {
            try {
              return await rollups.replaceAll(increments, replaceOptions);
            } finally {
              await bumped(() => revisions.bumpAll());
            }
          },
        }
      : rollups,
    followUps: createFollowUpRepository(connection),
    conversations: createClosedConversationRepository(connection),
    retention: createRetentionCacheRepository(connection),
    deliveryProblems: createDeliveryProblemRepository(connection),
  };
}
