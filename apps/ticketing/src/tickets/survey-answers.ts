/** The survey's questions: CSAT 1–5, CES 1–7, NPS 0–10. */
export const surveyQuestions = ['csat', 'ces', 'nps'] as const;

/** Answers to some of the survey's questions. */
export type SurveyAnswerSet = Partial<Record<(typeof surveyQuestions)[number], number>>;

/**
 * The answers after `incoming`: each answer it carries replaces the stored one, the others stay.
 * The chat bot sends all answers so far after each one, so any delivery order converges.
 * @example mergeAnswers({ csat: 5 }, { ces: 6 }) // { csat: 5, ces: 6 }
 */
export function mergeAnswers(stored: SurveyAnswerSet | null | undefined, incoming: SurveyAnswerSet): SurveyAnswerSet {
  const merged: SurveyAnswerSet = {};
  for (const question of surveyQuestions) {
    const answer = incoming[question] ?? stored?.[question];
    if (answer !== undefined) merged[question] = answer;
  }
  return merged;
}

/** Whether two answer sets hold the same answers. */
export function sameAnswers(a: SurveyAnswerSet | null | undefined, b: SurveyAnswerSet): boolean {
  return surveyQuestions.every((question) => a?.[question] === b[question]);
}
