import { z } from 'zod';

/**
 * An instant as the APIs send it: ISO 8601 in UTC, as `Date.prototype.toJSON` writes it
 * (`2026-03-01T10:05:00.000Z`). Schemas with timestamps are written once for both forms: ISO
 * strings on the wire (this schema) and `Date`s where a server keeps them (`z.date()`).
 */
export const timestampSchema = z.iso.datetime();

/** What a schema written for both forms takes as its timestamp: {@link timestampSchema} or `z.date()`. */
export type TimestampSchema = typeof timestampSchema | z.ZodDate;
