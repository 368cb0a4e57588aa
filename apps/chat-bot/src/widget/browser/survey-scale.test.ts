import { describe, expect, it } from 'vitest';
import { surveyScaleOf } from './survey-scale.ts';

const scale = (question: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => ({
    label: String(from + index),
    payload: `survey.${question}.${from + index}`,
  }));

describe('surveyScaleOf', () => {
  it('reads the CSAT question as five scores, keeping each quick reply, and Skip beside them', () => {
    const skip = { label: 'Skip', payload: 'survey.skip' };
    const found = surveyScaleOf([...scale('csat', 1, 5).reverse(), skip]);
    expect(found?.question).toBe('csat');
    expect(found?.scores.map((item) => item.score)).toEqual([1, 2, 3, 4, 5]);
    expect(found?.scores[3]?.reply).toEqual({ label: '4', payload: 'survey.csat.4' });
    expect(found?.others).toEqual([skip]);
  });

  it('reads CES 1–7 and NPS 0–10', () => {
    expect(surveyScaleOf(scale('ces', 1, 7))?.scores).toHaveLength(7);
    const nps = surveyScaleOf(scale('nps', 0, 10));
    expect(nps?.question).toBe('nps');
    expect(nps?.scores[0]?.score).toBe(0);
  });

  it('leaves ordinary quick replies, mixed questions and lone scores alone', () => {
    expect(surveyScaleOf([{ label: 'Talk to a person', payload: 'handoff.request' }])).toBeNull();
    expect(surveyScaleOf([...scale('csat', 1, 2), ...scale('ces', 1, 2)])).toBeNull();
    expect(surveyScaleOf(scale('csat', 5, 5))).toBeNull();
    expect(surveyScaleOf([])).toBeNull();
  });
});
