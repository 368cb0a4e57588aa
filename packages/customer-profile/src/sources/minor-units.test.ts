import { describe, expect, it } from 'vitest';
import { currencyExponent, toMinorUnits } from './minor-units.ts';

describe('toMinorUnits', () => {
  it('uses each currency’s exponent: USD 2, JPY 0, KWD 3', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(toMinorUnits('19.99', 'USD', 'price')).toBe(1999);
    expect(toMinorUnits('19.9', 'USD', 'price')).toBe(1990);
    expect(toMinorUnits('1000', 'JPY', 'price')).toBe(1000);
    expect(toMinorUnits('1000.00', 'JPY', 'price')).toBe(1000);
    expect(toMinorUnits('12.345', 'KWD', 'price')).toBe(12345);
    expect(toMinorUnits('0.5', 'KWD', 'price')).toBe(500);
  });

  it('is exact where floats are not (0.29 × 100 is 28.999…)', () => {
    expect(toMinorUnits('0.29', 'USD', 'price')).toBe(29);
    expect(toMinorUnits('1234567.89', 'USD', 'price')).toBe(123456789);
  });

  it('refuses amounts finer than the currency and anything that is not a plain decimal, naming the field', () => {
    expect(() => toMinorUnits('10.5', 'JPY', 'total_price')).toThrow(/total_price: JPY has 0 decimal places/);
    expect(() => toMinorUnits('1.2345', 'KWD', 'price')).toThrow(/KWD has 3 decimal places/);
    for (const bad of ['', '-1.00', '1e3', '1,000.00', 'NaN', '12.']) {
      expect(() => toMinorUnits(bad, 'USD', 'price')).toThrow(/price: .* is not a decimal amount/);
    }
    expect(() => currencyExponent('NOPE')).toThrow(/Unknown currency NOPE/);
  });
});
