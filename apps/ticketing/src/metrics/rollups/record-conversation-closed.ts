import { conversationClosedEventSchema } from '@loyaldesk/contracts/conversation-closed';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { conversationContribution } from '../definitions/conversation-contribution.ts';
import type { MetricsStores } from '../storage/metrics-stores.ts';
import { contributionDelta } from './rollup-increments.ts';

/**
 * Counts a closed chat conversation (the `conversation.closed` event) once per conversation id:
 * the first delivery is stored and takes the right to count it with a conditional write; a failed
 * count gives that right back so Bull's retry counts it. The first delivery's facts win.
 * A bad payload fails with a ValidationError naming the field.
 */
export async function recordConversationClosed(
  stores: Pick<MetricsStores, 'rollups' | 'conversations'>,
  event: unknown,
): Promise<'counted' | 'duplicate'> {
  const parsed = conversationClosedEventSchema.safeParse(event);
  if (!parsed.success) throw validationErrorFrom(parsed.error, 'conversation.closed event');
  const stored = await stores.conversations.insertIfAbsent({
    conversationId: parsed.data.conversationId,
    closedAt: new Date(parsed.data.closedAt),
    handedOff: parsed.data.handedOff,
    language: parsed.data.language,
  });
  if (stored.counted || !(await stores.conversations.claimCount(stored.conversationId))) return 'duplicate';
  try {
    await stores.rollups.apply(contributionDelta([], conversationContribution(stored)));
  } catch (error) {
    await stores.conversations.releaseCount(stored.conversationId).catch(() => undefined);
    throw error;
  }
  return 'counted';
}
