import { describe, expect, it } from 'vitest';
import { nextSurveyQuestion, readSurveyScore, startSurvey } from './survey-flow.ts';

describe('readSurveyScore', () => {
  it.each([
    ['csat', '5', 5],
    ['csat', ' 4/5 ', 4],
    ['csat', '３ stars', 3],
    ['csat', '五', 5],
    ['csat', '4分', 4],
    ['ces', '7', 7],
    ['nps', '0', 0],
    ['nps', '十', 10],
    ['nps', '10!', 10],
  ] as const)('reads %s answer %j as %i', (question, text, score) => {
    expect(readSurveyScore(question, text)).toBe(score);
  });

  it.each([
    ['csat', '6'],
    ['csat', '0'],
    ['ces', '8'],
    ['nps', '11'],
    ['csat', 'where is my order 1042'],
    ['csat', '4 or 5'],
    ['csat', ''],
  ] as const)('refuses %s answer %j', (question, text) => {
    expect(readSurveyScore(question, text)).toBeNull();
  });
});

describe('nextSurveyQuestion', () => {
  it('asks CSAT, then CES, then NPS only when allowed', () => {
    expect(startSurvey(null, new Date()).step).toBe('csat');
    expect(nextSurveyQuestion('csat', false)).toBe('ces');
    expect(nextSurveyQuestion('ces', true)).toBe('nps');
    expect(nextSurveyQuestion('ces', false)).toBeNull();
    expect(nextSurveyQuestion('nps', true)).toBeNull();
  });
});
