import type { Weekday } from './shipping-policy.ts';

/** What a delivery estimate needs from the shop's policy. */
export interface DispatchRules {
  timeZone: string;
  /** "HH:MM" in the shop's time zone. */
  cutOffTime: string;
  businessDays: readonly Weekday[];
  /** "YYYY-MM-DD" days nothing ships. */
  holidays: readonly string[];
  handlingDays: number;
}

export interface DeliveryEstimate {
  /** True when an order placed now ships today (before the cut-off on a business day, no handling days). */
  shipsToday: boolean;
  /** Calendar days ("YYYY-MM-DD") in the shop's time zone. */
  shipsOn: string;
  earliest: string;
  latest: string;
}

const weekdayIndex: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** The calendar day and minute of the day of an instant in a time zone. */
export function localDateTime(at: Date, timeZone: string): { day: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    day: `${part('year')}-${part('month')}-${part('day')}`,
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

// Calendar arithmetic on "YYYY-MM-DD" at UTC noon: no time zone or daylight-saving shift can move the day.
function addDays(day: string, count: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

function weekdayOf(day: string): number {
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

/**
 * When an order placed at `now` ships and arrives: it ships the same day when placed before the
 * cut-off (shop time) on a business day, otherwise the next business day; handling days and
 * transit days then count business days only (weekends and holidays skipped).
 * @example estimateDelivery(new Date('2026-03-06T20:00:00Z'), rules, { min: 3, max: 5 }) // Friday after 14:00 Toronto → ships Mon 2026-03-09, arrives Thu 03-12 – Mon 03-16
 */
export function estimateDelivery(
  now: Date,
  rules: DispatchRules,
  transitDays: { min: number; max: number },
): DeliveryEstimate {
  const open = new Set(rules.businessDays.map((day) => weekdayIndex[day]));
  const holidays = new Set(rules.holidays);
  const isBusinessDay = (day: string): boolean => open.has(weekdayOf(day)) && !holidays.has(day);
  const nextBusinessDay = (day: string): string => {
    let next = addDays(day, 1);
    // A policy has at least one business day, so a week and the longest holiday run end the loop.
    for (let guard = 0; !isBusinessDay(next) && guard < 400; guard++) next = addDays(next, 1);
    return next;
  };
  const addBusinessDays = (day: string, count: number): string => {
    let result = day;
    for (let i = 0; i < count; i++) result = nextBusinessDay(result);
    return result;
  };

  const [cutHours, cutMinutes] = rules.cutOffTime.split(':').map(Number);
  const cutOff = (cutHours ?? 0) * 60 + (cutMinutes ?? 0);
  const local = localDateTime(now, rules.timeZone);
  const orderDay = isBusinessDay(local.day) && local.minutes < cutOff ? local.day : nextBusinessDay(local.day);
  const shipsOn = addBusinessDays(orderDay, rules.handlingDays);
  return {
    shipsToday: shipsOn === local.day,
    shipsOn,
    earliest: addBusinessDays(shipsOn, transitDays.min),
    latest: addBusinessDays(shipsOn, transitDays.max),
  };
}
