import { daySchema, type Day } from '@loyaldesk/contracts/metrics-api';
import type { Tier } from '@loyaldesk/contracts/tier';

const dayMs = 86_400_000;

/** A UTC calendar day, "YYYY-MM-DD" (the dashboard query's days): what rollups are keyed by. */
export { daySchema, type Day };

/** The UTC day an instant falls on. */
export function dayOf(at: Date): Day {
  return at.toISOString().slice(0, 10);
}

/** Midnight UTC at the start of `day`. */
export function startOfDay(day: Day): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** `day` moved by `days` (negative goes back). */
export function addDays(day: Day, days: number): Day {
  return dayOf(new Date(startOfDay(day).getTime() + days * dayMs));
}

/** Whole days from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / dayMs);
}

/** Every day from `from` to `to`, both included, oldest first. */
export function daysFrom(from: Day, to: Day): Day[] {
  const count = daysBetween(from, to) + 1;
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(from, i));
}

/** A UTC calendar month, "YYYY-MM". */
export type Month = string;

/** The month a day is in. */
export function monthOf(day: Day): Month {
  return day.slice(0, 7);
}

/** Every day of a month, oldest first. */
export function daysOfMonth(month: Month): Day[] {
  const first = `${month}-01`;
  const next = dayOf(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)));
  return daysFrom(first, addDays(next, -1));
}

/** The Monday that starts the (ISO, UTC) week `day` is in. */
export function weekStartOf(day: Day): Day {
  const weekday = (startOfDay(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

/**
 * A rollup's scope: every tier (`*`) or one tier. `*` cannot collide with a tier name, and `|`
 * cannot appear in days, tiers or agent ids, so the keys below are unambiguous.
 */
export type RollupScope = Tier | '*';
export const allTiers = '*';

/**
 * A day's totals in a scope, e.g. "2026-11-23|*" or "2026-11-23|gold": section `all` (and in `*`,
 * `tiers.<tier>.openTickets` for the backlog by tier and age). Small: the dashboard reads one per
 * day for its totals and trends.
 */
export function dayRollupId(day: Day, scope: RollupScope): string {
  return `${day}|${scope}`;
}

/**
 * The breakdown of a day or a month in a scope, e.g. "2026-11-23|*|breakdown" or
 * "2026-11|gold|breakdown": sections `tiers.<tier>` (in `*`) and `agents.<agentId>`. A period's
 * breakdown adds whole months and takes the days at its edges from them or adds them (see
 * breakdown-plan.ts), so it reads a handful of these, not one per day.
 */
export function breakdownRollupId(span: Day | Month, scope: RollupScope): string {
  return `${span}|${scope}|breakdown`;
}

/**
 * The rollup of tickets open right now, e.g. "backlog|*" or "backlog|gold", same sections as a
 * day rollup; the per-day open counts by creation day live in the day rollups (`openTickets`).
 */
export function backlogRollupId(scope: RollupScope): string {
  return `backlog|${scope}`;
}

/**
 * A week's totals in a scope, keyed by its Monday, e.g. "2026-11-16|*|week": section `all`, the
 * sum of the week's day totals. A dashboard over more than a month reads one per week (its trend
 * points) instead of one per day.
 */
export function weekRollupId(weekStart: Day, scope: RollupScope): string {
  return `${weekStart}|${scope}|week`;
}

/**
 * A month's open tickets by creation day in a scope, e.g. "2026-11|*|open": `all.d23` (and in `*`,
 * `tiers.<tier>.d23`) tickets created on the 23rd that are open now. The backlog by age reads the
 * last 30 days from at most two of these small documents.
 */
export function openRollupId(month: Month, scope: RollupScope): string {
  return `${month}|${scope}|open`;
}

/** The key of a day inside its month's open rollup: "d23". */
export function dayOfMonthKey(day: Day): string {
  return `d${day.slice(8, 10)}`;
}
