import type { SurveyQuestion } from '@loyaldesk/contracts/chat-jobs';
import { surveyScales } from '../i18n/catalog.ts';
import type { SurveyRecord } from '../conversations/conversation.ts';

/** NPS is asked at most once per this many days per customer. */
export const npsIntervalDays = 90;

/** A survey that starts with CSAT. */
export function startSurvey(ticketId: string | null, now: Date): SurveyRecord {
  return { step: 'csat', answers: {}, ticketId, startedAt: now, finishedAt: null };
}

const chineseNumerals: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};

/**
 * A typed survey answer on `question`'s scale: "4", "4/5", "4 stars", "4分", "四", "十分"; null when
 * the text is not one number on the scale.
 * @example readSurveyScore('csat', '５ stars') // 5
 */
export function readSurveyScore(question: SurveyQuestion, text: string): number | null {
  const normalized = text.normalize('NFKC').trim().toLowerCase();
  const match =
    /^(\d{1,2}|[零〇一二两兩三四五六七八九十])\s*(\/\s*\d{1,2}|stars?|points?|分|星|颗星|顆星)?\s*[.!。！]?$/.exec(
      normalized,
    );
  const token = match?.[1];
  if (token === undefined) return null;
  const score = /^\d+$/.test(token) ? Number(token) : chineseNumerals[token];
  if (score === undefined) return null;
  const scale = surveyScales[question];
  return score >= scale.min && score <= scale.max ? score : null;
}

/** The question after `current`: CSAT, then CES, then NPS when the customer may be asked it; null when done. */
export function nextSurveyQuestion(current: SurveyQuestion, npsAllowed: boolean): SurveyQuestion | null {
  if (current === 'csat') return 'ces';
  if (current === 'ces') return npsAllowed ? 'nps' : null;
  return null;
}
