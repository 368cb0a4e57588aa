import type { Language } from '@loyaldesk/contracts/language';

/** The Intl locale each answer language formats with. */
export const intlLocale: Record<Language, string> = { en: 'en-US', 'zh-Hans': 'zh-Hans-CN', 'zh-Hant': 'zh-Hant-TW' };

const fractionDigits = new Map<string, number>();

// Building an Intl formatter costs far more than formatting with one (it was ~1 ms of CPU per
// order answer under load), so each kind is built once per locale, currency and time zone. The
// keys come from a handful of languages, currencies and the shop's time zone: the maps stay small.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${options.style ?? ''}|${options.currency ?? ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

// `kind` names the options (each caller passes fixed ones but the time zone): no JSON per call.
function dateFormat(locale: string, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${kind}|${options.timeZone ?? ''}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

function minorUnitDigits(currency: string): number {
  let digits = fractionDigits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigits.set(currency, digits);
  }
  return digits;
}

/**
 * An amount in minor units as money in the answer's language.
 * @example formatMoney(1250, 'USD', 'en') // '$12.50'
 */
export function formatMoney(minorUnits: number, currency: string, language: Language): string {
  const digits = minorUnitDigits(currency);
  return numberFormat(intlLocale[language], { style: 'currency', currency }).format(minorUnits / 10 ** digits);
}

/** Major units as written in the shop's policy file → minor units (cents), e.g. 12.5 → 1250 for USD. */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** minorUnitDigits(currency));
}

/**
 * A calendar day ("YYYY-MM-DD", already in the shop's time zone) with its weekday.
 * @example formatCalendarDay('2026-03-10', 'en') // 'Tue, Mar 10'
 */
export function formatCalendarDay(day: string, language: Language): string {
  const date = new Date(`${day}T12:00:00Z`);
  return dateFormat(intlLocale[language], 'calendarDay', {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).format(date);
}

/** The day of an instant in a time zone, e.g. 'Mar 1' / '3月1日'. */
export function formatDay(at: Date, timeZone: string, language: Language): string {
  return dateFormat(intlLocale[language], 'day', { timeZone, month: 'short', day: 'numeric' }).format(at);
}

/** The day and time of an instant in a time zone, e.g. 'Mar 5, 2:02 PM'. */
export function formatDayTime(at: Date, timeZone: string, language: Language): string {
  return dateFormat(intlLocale[language], 'dayTime', {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}

/** A time of day written "HH:MM" in the answer's language, e.g. '2:00 PM' / '下午2:00'. */
export function formatTimeOfDay(time: string, language: Language): string {
  const [hours, minutes] = time.split(':').map(Number);
  const date = new Date(Date.UTC(2000, 0, 1, hours ?? 0, minutes ?? 0));
  return dateFormat(intlLocale[language], 'timeOfDay', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).format(
    date,
  );
}
