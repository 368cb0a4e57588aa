import type { SurveyAnswers } from '@loyaldesk/contracts/chat-jobs';
import { ServiceUnavailableError } from '@loyaldesk/platform/errors';
import { mergeAnswers, sameAnswers } from '../../tickets/survey-answers.ts';
import { conversationContribution } from '../definitions/conversation-contribution.ts';
import type { MetricsStores } from '../storage/metrics-stores.ts';
import { contributionDelta } from './rollup-increments.ts';

/**
 * Counts the survey answers of a chat the bot closed without a human (`survey.answered` with no
 * ticket) in the bot's CSAT and CES of the chat's closing day. Each write is conditional on the
 * survey revision read, and its winner adds only the difference to the rollups, so re-deliveries
 * and answers arriving one by one count once. Before the chat's `conversation.closed` is counted
 * there is nothing to add to: it fails, and the job's retry comes back later.
 */
export async function recordConversationSurvey(
  stores: Pick<MetricsStores, 'rollups' | 'conversations'>,
  conversationId: string,
  answers: Partial<SurveyAnswers>,
): Promise<'counted' | 'unchanged'> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = await stores.conversations.findById(conversationId);
    if (!current?.counted)
      throw new ServiceUnavailableError(
        `metrics: conversation ${conversationId} is not counted as closed yet; its survey is counted on a retry`,
      );
    const survey = mergeAnswers(current.survey, answers);
    if (sameAnswers(current.survey, survey)) return 'unchanged';
    if (!(await stores.conversations.replaceSurvey(conversationId, current.surveyRevision, survey))) continue;
    const delta = contributionDelta(conversationContribution(current), conversationContribution({ ...current, survey }));
    try {
      if (delta.size > 0) await stores.rollups.apply(delta);
    } catch (error) {
      // Put the answers back as they were, so the retry counts them (a failed revert leaves it to the rebuild).
      await stores.conversations
        .replaceSurvey(conversationId, current.surveyRevision + 1, current.survey ?? null)
        .catch(() => undefined);
      throw error;
    }
    return 'counted';
  }
  throw new ServiceUnavailableError(`metrics: the survey of conversation ${conversationId} kept changing under a write`);
}
