import { ValidationError } from '@loyaldesk/platform/errors';

/**
 * The number of minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, KWD 3), from the
 * runtime's ICU data, so no table of our own drifts from the standard.
 */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    try {
      exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      throw new ValidationError(`Unknown currency ${currency}`, 'currency');
    }
    exponents.set(currency, exponent);
  }
  return exponent;
}
// Building a NumberFormat costs ~50 µs; an order has a dozen amounts.
const exponents = new Map<string, number>();

const decimalAmount = /^(\d{1,15})(?:\.(\d{1,10}))?$/;

/**
 * A shop's decimal amount string ("19.99", "1000", "12.345") in minor units of `currency`, exactly
 * (string arithmetic, never a float). Digits past the currency's exponent must be zeros ("1000.00"
 * yen is 1000); anything else is refused with the field named.
 * @example toMinorUnits('12.345', 'KWD', 'total_price') // 12345
 */
export function toMinorUnits(amount: string, currency: string, field: string): number {
  const match = decimalAmount.exec(amount.trim());
  if (!match) throw new ValidationError(`${field}: "${amount}" is not a decimal amount such as 19.99`, field);
  const exponent = currencyExponent(currency);
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (/[1-9]/.test(fraction.slice(exponent))) {
    throw new ValidationError(`${field}: ${currency} has ${exponent} decimal places, "${amount}" has more`, field);
  }
  const minor = Number(whole + fraction.slice(0, exponent).padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) throw new ValidationError(`${field}: "${amount}" is too large`, field);
  return minor;
}
