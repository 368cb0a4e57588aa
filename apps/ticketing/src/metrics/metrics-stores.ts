import type { Connection } from 'mongoose';
import { createConversationRepository, type ConversationRepository } from './conversation-repository.ts';
import { createFollowUpRepository, type FollowUpRepository } from './follow-up-repository.ts';
import { createRetentionCacheRepository, type RetentionCacheRepository } from './retention-cache-repository.ts';
import { createRollupRepository, type RollupRepository } from './rollup-repository.ts';

/** The repositories the metrics write and read. */
export interface MetricsStores {
  rollups: RollupRepository;
  followUps: FollowUpRepository;
  conversations: ConversationRepository;
  retention: RetentionCacheRepository;
}

export function createMetricsStores(connection: Connection): MetricsStores {
  return {
    rollups: createRollupRepository(connection),
    followUps: createFollowUpRepository(connection),
    conversations: createConversationRepository(connection),
    retention: createRetentionCacheRepository(connection),
  };
}
