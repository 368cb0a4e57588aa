/** Formats minor units for people, e.g. formatMoney(124000, 'USD') → "$1,240.00". */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
}
