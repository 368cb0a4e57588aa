import { conversationContribution } from '../definitions/conversation-contribution.ts';
import { deliveryProblemContribution } from '../definitions/delivery-problem-follow-up.ts';
import { followUpContribution } from '../definitions/follow-up.ts';
import { ticketContribution, type RollupTicket } from '../definitions/ticket-contribution.ts';
import type { MetricsStores } from '../storage/metrics-stores.ts';
import { addContribution, withoutZeros, type RollupIncrements } from './rollup-increments.ts';

/** Where a rebuild is: `done` of `total` (null when not known up front) in the current phase. */
export interface RebuildProgress {
  phase: 'tickets' | 'followUps' | 'conversations' | 'deliveryProblems' | 'rollups';
  done: number;
  total: number | null;
}

export interface RebuildRollupsResult {
  tickets: number;
  followUps: number;
  conversations: number;
  deliveryProblems: number;
  rollupsWritten: number;
  rollupsDeleted: number;
}

/**
 * Recomputes every rollup from the records: the sum of the contributions of all tickets, ticket
 * follow-ups, closed conversations and delivery problems, then replaces the stored rollups with it. A command (it
 * scans everything); run it while no changes are being recorded.
 */
export async function rebuildRollups(
  stores: Pick<MetricsStores, 'rollups' | 'followUps' | 'conversations' | 'deliveryProblems'>,
  tickets: AsyncIterable<RollupTicket[]>,
  options: { ticketCount?: number; onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<RebuildRollupsResult> {
  const report = options.onProgress ?? (() => undefined);
  const sum: RollupIncrements = new Map();
  const counts = { tickets: 0, followUps: 0, conversations: 0, deliveryProblems: 0 };
  for await (const batch of tickets) {
    for (const ticket of batch) addContribution(ticketContribution(ticket), 1, sum);
    counts.tickets += batch.length;
    report({ phase: 'tickets', done: counts.tickets, total: options.ticketCount ?? null });
  }
  for await (const followUp of stores.followUps.findAllFollowUps()) {
    addContribution(followUpContribution(followUp), 1, sum);
    counts.followUps++;
    if (counts.followUps % 1000 === 0) report({ phase: 'followUps', done: counts.followUps, total: null });
  }
  report({ phase: 'followUps', done: counts.followUps, total: counts.followUps });
  for await (const conversation of stores.conversations.findAll()) {
    addContribution(conversationContribution(conversation), 1, sum);
    counts.conversations++;
    if (counts.conversations % 1000 === 0) report({ phase: 'conversations', done: counts.conversations, total: null });
  }
  report({ phase: 'conversations', done: counts.conversations, total: counts.conversations });
  for await (const problem of stores.deliveryProblems.findAll()) {
    addContribution(deliveryProblemContribution(problem), 1, sum);
    counts.deliveryProblems++;
  }
  report({ phase: 'deliveryProblems', done: counts.deliveryProblems, total: counts.deliveryProblems });
  const rollups = withoutZeros(sum);
  const { written, deleted } = await stores.rollups.replaceAll(rollups, {
    onWritten: (done) => report({ phase: 'rollups', done, total: rollups.size }),
  });
  return { ...counts, rollupsWritten: written, rollupsDeleted: deleted };
}
