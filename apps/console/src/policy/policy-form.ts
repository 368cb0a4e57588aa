import { z } from 'zod';
import { issueKinds, type IssueKind } from '@loyaldesk/contracts/issue-kind';
import { slaPolicyLimits, tierPolicyLimits } from '@loyaldesk/contracts/policies';
import { tiers, type Tier } from '@loyaldesk/contracts/tier';
import type { ApiError } from '../api/client.ts';

/** A field's problem: an i18n key with its values, or a message from the server as it is. */
export type FieldProblem = { key: string; values?: Record<string, string | number> } | { text: string };
/** Problems by dotted field path (`firstResponseMinutes.gold`, `thresholds.gold.minSpend`). */
export type FieldErrors = Record<string, FieldProblem>;

// Client-side checks of each field on its own (whole numbers, the contracts' bounds), with i18n
// messages. Rules across fields (a higher tier never waits longer, thresholds rise with the tier)
// are the server's: its 400 names the field and is shown there the same way.
const problem = (key: string, values?: Record<string, string | number>): string => JSON.stringify({ key, ...(values ? { values } : {}) });
const { minutes: minutesLimits, minPercentile, valueFactor, issueKindFactor, valueAdjustments } = slaPolicyLimits;
const wholeNumber = (limits: { min: number; max: number }) =>
  z
    .number({ error: problem('validation.required') })
    .int(problem('validation.wholeNumber'))
    .min(limits.min, problem('validation.atLeast', { min: limits.min }))
    .max(limits.max, problem('validation.atMost', { max: limits.max }));
const number = (limits: { min: number; max: number }) =>
  z
    .number({ error: problem('validation.required') })
    .min(limits.min, problem('validation.atLeast', { min: limits.min }))
    .max(limits.max, problem('validation.atMost', { max: limits.max }));

const minutes = wholeNumber(minutesLimits);
const minutesPerTier = z.object(Object.fromEntries(tiers.map((tier) => [tier, minutes])) as Record<Tier, typeof minutes>);
const kindFactor = number(issueKindFactor);

export const slaPolicyFormSchema = z.object({
  firstResponseMinutes: minutesPerTier,
  resolutionMinutes: minutesPerTier,
  valueAdjustments: z
    .array(z.object({ minPercentile: number(minPercentile), factor: number(valueFactor) }))
    .max(valueAdjustments, problem('validation.atMost', { max: valueAdjustments })),
  issueKindFactors: z.object(Object.fromEntries(issueKinds.map((kind) => [kind, kindFactor])) as Record<IssueKind, typeof kindFactor>),
});

const threshold = z.object({ minSpend: wholeNumber(tierPolicyLimits.minSpend), minOrders: wholeNumber(tierPolicyLimits.minOrders) });
export const tierPolicyFormSchema = z.object({
  tierWindowDays: wholeNumber(tierPolicyLimits.tierWindowDays),
  thresholds: z.object({ silver: threshold, gold: threshold, platinum: threshold }),
  expectedLifespanYears: number(tierPolicyLimits.expectedLifespanYears),
});

function problemOf(message: string): FieldProblem {
  try {
    const parsed = JSON.parse(message) as { key?: unknown; values?: Record<string, string | number> };
    if (typeof parsed.key === 'string') return { key: parsed.key, ...(parsed.values ? { values: parsed.values } : {}) };
  } catch {
    // a zod message of its own (e.g. a type error): shown as is
  }
  return { text: message };
}

/** Field problems of a value by the schema, first per field; empty when it is valid. */
export function validateForm(schema: z.ZodType, value: unknown): FieldErrors {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= problemOf(issue.message);
  }
  return errors;
}

/**
 * The field problem of a server refusal (`{error:{code,message,field}}`): the message without
 * its "Invalid body: <field>: " prefix, at the field it names; null when it names no field.
 * @example serverFieldError(new ApiError(400, 'loyaldesk:validation_failed', 'Invalid body: thresholds.gold.minSpend: must be more than silver\'s', 'thresholds.gold.minSpend'))
 * // { field: 'thresholds.gold.minSpend', problem: { text: "must be more than silver's" } }
 */
export function serverFieldError(error: ApiError): { field: string; problem: FieldProblem } | null {
  if (!error.field || error.field === 'body') return null;
  const marker = `${error.field}: `;
  const at = error.message.indexOf(marker);
  const text = at >= 0 ? error.message.slice(at + marker.length) : error.message;
  return { field: error.field, problem: { text } };
}

/** A number input's value: '' stays NaN so the schema reports "required". */
export function numberFromInput(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** Money in major units (what the form shows) to minor units (what the API stores). */
export function toMinor(major: number): number {
  return Number.isFinite(major) ? Math.round(major * 100) : Number.NaN;
}

/** Deep copy with one dotted path set. */
export function setPath<T>(value: T, path: string, next: unknown): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  let cursor: Record<string, unknown> | unknown[] = copy;
  keys.forEach((key, index) => {
    const container = cursor as Record<string, unknown>;
    if (index === keys.length - 1) container[key] = next;
    else cursor = container[key] as Record<string, unknown>;
  });
  return copy as T;
}

