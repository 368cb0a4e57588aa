import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * A time as tracking providers write it: ISO 8601 with an offset, a local time without one (read as
 * UTC: the carrier's local zone is unknown), or a date alone (midnight UTC of that day).
 */
export const providerTimeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be an ISO 8601 date or time')
  .transform((value, ctx) => {
    const iso = value.replace(' ', 'T');
    const withZone = /T/.test(iso) && !/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? `${iso}Z` : /T/.test(iso) ? iso : `${iso}T00:00:00Z`;
    const date = new Date(withZone);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date' });
      return z.NEVER;
    }
    return date;
  });

/** Short text a provider sends (a message, a location), trimmed and bounded. */
export const providerText = (max: number) => z.string().trim().max(max);

/** A stable identity for a provider's event that has no id of its own: what it says and when. */
export function providerEventId(provider: string, parts: ReadonlyArray<string | undefined | null>): string {
  return `${provider}:${createHash('sha256').update(parts.map((part) => part ?? '').join('\u0000')).digest('hex').slice(0, 24)}`;
}

/** An http(s) URL as given, or undefined for anything else (a bad link never fails a delivery). */
export function httpUrlOrUndefined(value: string | null | undefined): string | undefined {
  if (!value || value.length > 2000) return undefined;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A place from its parts ("Taipei, TW"), or undefined when there are none. */
export function placeOf(parts: ReadonlyArray<string | undefined | null>): string | undefined {
  const place = parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '').join(', ');
  return place === '' ? undefined : place.slice(0, 200);
}
