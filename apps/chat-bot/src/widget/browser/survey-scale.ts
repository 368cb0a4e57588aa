import type { QuickReply } from '@loyaldesk/contracts/chat-events';

/** The survey questions the bot asks as quick replies (see the chat-bot README, "Survey"). */
export type SurveyQuestion = 'csat' | 'ces' | 'nps';

export interface SurveyScale {
  question: SurveyQuestion;
  /** The score buttons, lowest first, each with the quick reply it sends unchanged. */
  scores: Array<{ score: number; reply: QuickReply }>;
  /** The other buttons under the question ("Skip"). */
  others: QuickReply[];
}

// The bot's survey buttons carry `survey.<question>.<score>` (conversations/commands.ts); the
// widget draws them as stars or a number scale but always sends the reply as the bot made it.
const scorePayload = /^survey\.(csat|ces|nps)\.(\d{1,2})$/;

/**
 * The survey scale that `replies` offer, or null when they are ordinary quick replies.
 * @example surveyScaleOf([{label: '1', payload: 'survey.csat.1'}, …]) // { question: 'csat', scores: [...], others: [] }
 */
export function surveyScaleOf(replies: readonly QuickReply[]): SurveyScale | null {
  let question: SurveyQuestion | null = null;
  const scores: SurveyScale['scores'] = [];
  const others: QuickReply[] = [];
  for (const reply of replies) {
    const match = scorePayload.exec(reply.payload);
    const asked = match?.[1] as SurveyQuestion | undefined;
    if (!match || !asked) {
      others.push(reply);
      continue;
    }
    if (question && question !== asked) return null; // two questions at once: not a scale we know how to draw
    question = asked;
    scores.push({ score: Number(match[2]), reply });
  }
  if (!question || scores.length < 2) return null;
  scores.sort((a, b) => a.score - b.score);
  return { question, scores, others };
}
