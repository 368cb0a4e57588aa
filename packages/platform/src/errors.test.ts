import { describe, expect, it } from 'vitest';
import { isDuplicateKeyError } from './errors.ts';

describe('isDuplicateKeyError', () => {
  it("is MongoDB's code 11000, and FerretDB's unique-index failure inside findAndModify", () => {
    expect(isDuplicateKeyError({ code: 11000, message: 'E11000 duplicate key error' })).toBe(true);
    expect(
      isDuplicateKeyError({
        code: 1,
        message:
          "[msg_findandmodify.go:198 handler.(*Handler).findAndModifyDocument] constraint failed: UNIQUE constraint failed: index 'customers_c09344de_email_1' (2067)",
      }),
    ).toBe(true);
    expect(isDuplicateKeyError({ code: 2, message: 'BadValue' })).toBe(false);
    expect(isDuplicateKeyError('E11000')).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
  });
});
