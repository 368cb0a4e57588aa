import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Binary } from 'mongodb';
import { z } from 'zod';

/**
 * Compacted rollups. FerretDB 1.24 decodes every stored field on every read, whatever the
 * projection (measured on 1M tickets: a month breakdown of ~2,200 numeric fields reads in ≈ 14×
 * the time of a ~110-field day rollup; a 20 kB binary field reads in ≈ 0.8× of it). So a wide
 * rollup is stored as `packed` — its sections as deflated JSON in one binary field — plus the
 * numeric fields `$inc` has added since (the residual), and `writes`, a counter every `$inc`
 * bumps. Its value is packed + residual, leaf by leaf (whole numbers: exact in any order).
 * Writers still only `$inc`; a reader that finds a large residual folds it into `packed` with one
 * replace conditional on `writes` being unchanged, so a write landing in between makes the fold a
 * no-op (tried again on a later read) and nothing is ever lost or counted twice.
 */

/** Stored next to the sections; no section is named like these. */
export const packedField = 'packed';
export const writesField = 'writes';

/** A rollup is packed once it has at least this many numeric leaves (narrower ones read fast as they are). */
export const packMinLeaves = 256;
/** A packed rollup is folded again once `$inc` has added this many leaves beside `packed`. */
export const refoldMinResidualLeaves = 64;

/** Sections as stored or computed: nested objects with numeric leaves. */
export type Sections = Record<string, unknown>;

/** The packed form of `sections` (deflated JSON: ~5× smaller, and one field for FerretDB to decode). */
export function packSections(sections: Sections): Binary {
  return new Binary(deflateRawSync(Buffer.from(JSON.stringify(sections), 'utf8')));
}

const sectionsSchema = z.record(z.string(), z.unknown());

/** The sections inside a `packed` field. */
export function unpackSections(packed: unknown): Sections {
  if (!(packed instanceof Binary)) throw new Error('rollup: packed is not binary data');
  return sectionsSchema.parse(JSON.parse(inflateRawSync(packed.buffer).toString('utf8')));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Binary) && !(value instanceof Date);
}

/** Adds the numeric leaves of `source` into `target` (mutating it); returns how many leaves it read. */
export function addLeavesInto(target: Record<string, unknown>, source: Record<string, unknown>): number {
  let leaves = 0;
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'number') {
      const current = target[key];
      target[key] = (typeof current === 'number' ? current : 0) + value;
      leaves++;
    } else if (isObject(value)) {
      let child = target[key];
      if (!isObject(child)) {
        child = {};
        target[key] = child;
      }
      leaves += addLeavesInto(child as Record<string, unknown>, value);
    }
  }
  return leaves;
}

/** `sections` without zero leaves and the objects they leave empty (what a rebuild would store). */
export function withoutZeroLeaves(sections: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sections)) {
    if (typeof value === 'number') {
      if (value !== 0) kept[key] = value;
    } else if (isObject(value)) {
      const child = withoutZeroLeaves(value);
      if (Object.keys(child).length > 0) kept[key] = child;
    }
  }
  return kept;
}

/** Numeric leaves of nested sections. */
export function countLeaves(sections: Record<string, unknown>): number {
  let leaves = 0;
  for (const value of Object.values(sections)) {
    if (typeof value === 'number') leaves++;
    else if (isObject(value)) leaves += countLeaves(value);
  }
  return leaves;
}

/** A stored rollup read back: its value, and whether (and at which write count) to fold it. */
export interface ReadRollup {
  /** The sections: packed + residual. */
  sections: Sections;
  /** When set, fold with `replaceOne({ _id, writes: <this> })`; null: leave it as stored. */
  fold: { writes: number | null } | null;
}

/**
 * Reads a stored rollup document (packed or not) into its sections, and decides whether to fold
 * it: a packed one whose residual reached {@link refoldMinResidualLeaves}, or an unpacked one that
 * reached {@link packMinLeaves}. Pure.
 */
export function readStoredRollup(document: Record<string, unknown>): ReadRollup {
  const packed = document[packedField];
  const sections: Sections = packed === undefined ? {} : unpackSections(packed);
  const residual: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (key !== '_id' && key !== packedField && key !== writesField) residual[key] = value;
  }
  const residualLeaves = addLeavesInto(sections, residual);
  const writes = typeof document[writesField] === 'number' ? document[writesField] : null;
  const fold = packed === undefined ? residualLeaves >= packMinLeaves : residualLeaves >= refoldMinResidualLeaves;
  return { sections, fold: fold ? { writes } : null };
}

/**
 * The document a rollup with these sections is stored as (by the rebuild, or by a fold): packed
 * when wide, as plain nested fields otherwise. `writes` is kept so a concurrent fold of the same
 * read is a harmless repeat.
 */
export function storedRollup(
  id: string,
  sections: Sections,
  writes: number,
  minLeaves = packMinLeaves,
): Record<string, unknown> & { _id: string } {
  const kept = withoutZeroLeaves(sections);
  if (countLeaves(kept) < minLeaves) return { _id: id, ...kept, [writesField]: writes };
  return { _id: id, [packedField]: packSections(kept), [writesField]: writes };
}
