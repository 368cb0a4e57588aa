// Display formatting only: every figure shown comes from the API as is, these only render it.

/** A duration in seconds as a short human string: "45s", "12m", "3h 05m", "2d 4h". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const sign = seconds < 0 ? '-' : '';
  const total = Math.round(Math.abs(seconds));
  if (total < 60) return `${sign}${total}s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${sign}${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${sign}${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  const days = Math.floor(hours / 24);
  return `${sign}${days}d ${hours % 24}h`;
}

/** Minutes as a target: "10 min", "3 h", "2 d 4 h". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 60 * 24) {
    const rest = minutes % 60;
    return rest === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
  }
  const days = Math.floor(minutes / (60 * 24));
  const hours = Math.floor((minutes % (60 * 24)) / 60);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

/** Money in minor units (cents) in the shop's currency. */
export function formatMoney(minor: number | null | undefined, currency: string, locale = 'en-US'): string {
  if (minor === null || minor === undefined) return '—';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/** A percentage the API already computed (0–100, one decimal): "93.5%", or "—" when null. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** An NPS score (−100…100) with its sign. */
export function formatNps(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const rounded = Math.round(value * 10) / 10;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

/** "top 5%" from a value percentile (95 → 5): the customer's standing in the shop. */
export function topPercent(percentile: number | null | undefined): number | null {
  if (percentile === null || percentile === undefined) return null;
  const top = Math.round((100 - percentile) * 10) / 10;
  return Math.max(0.1, top);
}

/**
 * Time to an SLA deadline relative to now, in seconds (negative once it is missed).
 * @example secondsUntil('2026-01-01T00:10:00Z', Date.parse('2026-01-01T00:00:00Z')) // 600
 */
export function secondsUntil(deadline: string, now: number): number {
  return Math.round((Date.parse(deadline) - now) / 1000);
}

/** How urgent a deadline is, for colour: missed, under 15 minutes, or fine. */
export function urgencyOf(secondsLeft: number): 'breached' | 'soon' | 'ok' {
  if (secondsLeft < 0) return 'breached';
  if (secondsLeft < 15 * 60) return 'soon';
  return 'ok';
}

/** UTC day `YYYY-MM-DD` of a date, as the metrics API takes it. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The period of the last `days` UTC days ending today. */
export function lastDays(days: number, now: Date): { from: string; to: string } {
  const from = new Date(now.getTime() - (days - 1) * 86_400_000);
  return { from: utcDay(from), to: utcDay(now) };
}

/** A date/time in the agent's locale, short. */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A clock time "14:05". */
export function formatTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Initials for an avatar: "Alice Walker" → "AW"; an email → its first letter. */
export function initials(name: string | null | undefined): string {
  const clean = (name ?? '').trim();
  if (!clean) return '?';
  const words = clean.split(/[\s@._-]+/).filter(Boolean);
  const letters = words.length >= 2 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : clean.slice(0, 2);
  return letters.toUpperCase();
}
