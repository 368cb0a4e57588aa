import { describe, expect, it } from 'vitest';
import { estimateDelivery, localDateTime, type DispatchRules } from './delivery-estimate.ts';

// America/Toronto is UTC-5 in winter (EST) and UTC-4 from 2026-03-08 (EDT).
const rules: DispatchRules = {
  timeZone: 'America/Toronto',
  cutOffTime: '14:00',
  businessDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  holidays: [],
  handlingDays: 0,
};
const threeToFive = { min: 3, max: 5 };

describe('estimateDelivery', () => {
  it('ships today before the cut-off on a business day and counts business days after it', () => {
    // Wed 2026-03-04 13:59 Toronto
    const estimate = estimateDelivery(new Date('2026-03-04T18:59:00Z'), rules, threeToFive);
    expect(estimate).toEqual({ shipsToday: true, shipsOn: '2026-03-04', earliest: '2026-03-09', latest: '2026-03-11' });
  });

  it('ships the next business day from the cut-off minute on', () => {
    // Wed 2026-03-04 14:00 Toronto exactly
    const estimate = estimateDelivery(new Date('2026-03-04T19:00:00Z'), rules, threeToFive);
    expect(estimate.shipsToday).toBe(false);
    expect(estimate.shipsOn).toBe('2026-03-05');
    expect(estimate.earliest).toBe('2026-03-10');
  });

  it('carries a Friday-evening order over the weekend', () => {
    // Fri 2026-03-06 15:30 Toronto
    const estimate = estimateDelivery(new Date('2026-03-06T20:30:00Z'), rules, threeToFive);
    expect(estimate).toEqual({
      shipsToday: false,
      shipsOn: '2026-03-09',
      earliest: '2026-03-12',
      latest: '2026-03-16',
    });
  });

  it('ships a weekend order on Monday, whatever the hour', () => {
    for (const at of ['2026-03-07T14:00:00Z', '2026-03-08T05:00:00Z', '2026-03-08T16:00:00Z']) {
      expect(estimateDelivery(new Date(at), rules, threeToFive).shipsOn).toBe('2026-03-09');
    }
  });

  it('uses the shop time zone, not UTC: 01:00 UTC Saturday is still Friday evening in Toronto', () => {
    const estimate = estimateDelivery(new Date('2026-03-07T01:00:00Z'), rules, { min: 1, max: 1 });
    expect(estimate.shipsOn).toBe('2026-03-09');
    expect(localDateTime(new Date('2026-03-07T01:00:00Z'), 'America/Toronto').day).toBe('2026-03-06');
  });

  it('follows daylight saving: 13:30 EDT on Monday 2026-03-09 is before the cut-off', () => {
    expect(estimateDelivery(new Date('2026-03-09T17:30:00Z'), rules, threeToFive).shipsToday).toBe(true);
    expect(estimateDelivery(new Date('2026-03-09T18:30:00Z'), rules, threeToFive).shipsToday).toBe(false);
  });

  it('skips holidays when shipping and in transit, and adds handling days', () => {
    const withHolidays = { ...rules, holidays: ['2026-12-25', '2026-12-28'], handlingDays: 1 };
    // Thu 2026-12-24 10:00 Toronto: order day Thu, one handling day → Fri 25th is a holiday, Mon 28th too → Tue 29th
    const estimate = estimateDelivery(new Date('2026-12-24T15:00:00Z'), withHolidays, { min: 1, max: 2 });
    expect(estimate).toEqual({
      shipsToday: false,
      shipsOn: '2026-12-29',
      earliest: '2026-12-30',
      latest: '2026-12-31',
    });
  });

  it('allows a same-day courier (zero transit days)', () => {
    const estimate = estimateDelivery(new Date('2026-03-04T15:00:00Z'), rules, { min: 0, max: 0 });
    expect(estimate.earliest).toBe('2026-03-04');
    expect(estimate.latest).toBe('2026-03-04');
  });
});
