import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '@loyaldesk/platform/errors';
import { appPath } from '../app-paths.ts';

/** The example policy shipped with the app, used when SHIPPING_POLICY_FILE is unset. */
export const defaultShippingPolicyFile = appPath('config', 'shipping-policy.yaml');

const localizedText = z.object({
  en: z.string().trim().min(1).max(300),
  'zh-Hans': z.string().trim().min(1).max(300),
  'zh-Hant': z.string().trim().min(1).max(300),
});
export type LocalizedText = z.infer<typeof localizedText>;

const id = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'must be 1–40 lower-case letters, digits, _ or -');
const country = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code in capitals, such as CA');
const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

// Amounts are written in the currency's major unit (12.50) because people edit this file.
const amount = z
  .number()
  .min(0)
  .max(1_000_000)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'must have at most two decimals');

const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/Toronto');

const transitDays = z
  .object({ min: z.number().int().min(0).max(90), max: z.number().int().min(0).max(90) })
  .refine((days) => days.min <= days.max, { message: 'min must not exceed max', path: ['max'] });

/** The shop's shipping policy file (YAML or JSON), as the shop edits it. */
export const shippingPolicySchema = z
  .object({
    /** ISO 4217; amounts below are in this currency. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD'),
    /** The shop's time zone: cut-off times and business days are counted in it. */
    timeZone,
    dispatch: z.object({
      /** Orders placed before this time (shop time, HH:MM) on a business day ship that day. */
      cutOffTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM such as 14:00'),
      businessDays: z.array(z.enum(weekdays)).min(1),
      /** Days the shop does not ship, YYYY-MM-DD. */
      holidays: z.array(z.iso.date('must be a date YYYY-MM-DD')).default([]),
      /** Business days of handling before dispatch (0: ships on the order day when before the cut-off). */
      handlingDays: z.number().int().min(0).max(30).default(0),
    }),
    zones: z
      .array(
        z.object({
          id,
          name: localizedText,
          countries: z.array(country).default([]),
          /** Every country no other zone lists. At most one zone may say so. */
          restOfWorld: z.boolean().default(false),
        }),
      )
      .min(1),
    options: z
      .array(
        z.object({
          id,
          name: localizedText,
          rates: z
            .array(
              z.object({
                zone: id,
                cost: amount,
                /** Free when the order's subtotal is at least this. */
                freeOver: amount.optional(),
                transitDays,
              }),
            )
            .min(1),
        }),
      )
      .min(1),
    returns: z.object({
      windowDays: z.number().int().min(0).max(365),
      freeReturns: z.boolean().default(false),
      conditions: localizedText.optional(),
    }),
  })
  .superRefine((policy, context) => {
    const zoneIds = new Set<string>();
    const countryZone = new Map<string, string>();
    let restOfWorld: string | undefined;
    policy.zones.forEach((zone, zoneIndex) => {
      if (zoneIds.has(zone.id))
        context.addIssue({
          code: 'custom',
          path: ['zones', zoneIndex, 'id'],
          message: `zone "${zone.id}" is listed twice`,
        });
      zoneIds.add(zone.id);
      if (zone.restOfWorld) {
        if (restOfWorld)
          context.addIssue({
            code: 'custom',
            path: ['zones', zoneIndex, 'restOfWorld'],
            message: `only one zone may be restOfWorld ("${restOfWorld}" already is)`,
          });
        restOfWorld = zone.id;
      } else if (zone.countries.length === 0) {
        context.addIssue({
          code: 'custom',
          path: ['zones', zoneIndex, 'countries'],
          message: 'must list countries (or set restOfWorld: true)',
        });
      }
      zone.countries.forEach((code, countryIndex) => {
        const other = countryZone.get(code);
        if (other)
          context.addIssue({
            code: 'custom',
            path: ['zones', zoneIndex, 'countries', countryIndex],
            message: `${code} is already in zone "${other}"`,
          });
        countryZone.set(code, zone.id);
      });
    });
    const optionIds = new Set<string>();
    policy.options.forEach((option, optionIndex) => {
      if (optionIds.has(option.id))
        context.addIssue({
          code: 'custom',
          path: ['options', optionIndex, 'id'],
          message: `option "${option.id}" is listed twice`,
        });
      optionIds.add(option.id);
      const rated = new Set<string>();
      option.rates.forEach((rate, rateIndex) => {
        if (!zoneIds.has(rate.zone))
          context.addIssue({
            code: 'custom',
            path: ['options', optionIndex, 'rates', rateIndex, 'zone'],
            message: `unknown zone "${rate.zone}"`,
          });
        if (rated.has(rate.zone))
          context.addIssue({
            code: 'custom',
            path: ['options', optionIndex, 'rates', rateIndex, 'zone'],
            message: `zone "${rate.zone}" has two rates in this option`,
          });
        rated.add(rate.zone);
      });
    });
  });

export type ShippingPolicy = z.infer<typeof shippingPolicySchema>;
export type ShippingZone = ShippingPolicy['zones'][number];
export type ShippingOption = ShippingPolicy['options'][number];

/** `options[0].rates[1].zone` from a zod path. */
function describePath(issuePath: readonly PropertyKey[]): string {
  return issuePath
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** Validates a parsed policy; a ConfigError names the file, the first bad field and what is expected. */
export function parseShippingPolicy(input: unknown, source = 'shipping policy'): ShippingPolicy {
  const result = shippingPolicySchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `  ${describePath(issue.path) || '(file)'}: ${issue.message}`);
  const field = result.error.issues[0] ? describePath(result.error.issues[0].path) : undefined;
  throw new ConfigError(
    `${source} is invalid:\n${issues.join('\n')}\nFix the file and start again.`,
    field || undefined,
  );
}

/** Reads and validates the policy file (`.yaml`, `.yml` or `.json`). */
export async function loadShippingPolicy(file: string = defaultShippingPolicyFile): Promise<ShippingPolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Cannot read the shipping policy ${file} (${error instanceof Error ? error.message : String(error)}); set SHIPPING_POLICY_FILE.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = path.extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      `The shipping policy ${file} is not valid ${path.extname(file) === '.json' ? 'JSON' : 'YAML'}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseShippingPolicy(parsed, `The shipping policy ${file}`);
}
