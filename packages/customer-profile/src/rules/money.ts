// Intl.NumberFormat is expensive to build (≈35 µs) and tier reasons format money at every step of
// a customer's timeline, so one formatter per locale and currency is kept.
const formatters = new Map<string, Intl.NumberFormat>();

/** Formats minor units for people, e.g. formatMoney(124000, 'USD') → "$1,240.00". */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter.format(minor / 100);
}
