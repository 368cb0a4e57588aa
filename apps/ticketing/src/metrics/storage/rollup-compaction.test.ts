import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenDocument, nestedDocument } from '../rollups/rollup-increments.ts';
import {
  countLeaves,
  packMinLeaves,
  packSections,
  readStoredRollup,
  refoldMinResidualLeaves,
  storedRollup,
  unpackSections,
  withoutZeroLeaves,
} from './rollup-compaction.ts';

/** A wide rollup: `agents.<id>.<field>` leaves, as many as asked. */
function wideSections(leaves: number, value = 1): Record<string, unknown> {
  const paths = new Map<string, number>();
  for (let i = 0; i < leaves; i++) paths.set(`agents.agt_${Math.floor(i / 50)}.b${i % 50}`, value + i);
  return nestedDocument(paths);
}

const pathsArbitrary = fc.dictionary(
  fc.constantFrom(
    'all.ticketsCreated',
    'all.firstResponseTime.b3',
    'agents.agt_1.slaMet',
    'tiers.gold.slaMet',
    'all.csatTotal',
  ),
  fc.integer({ min: -50, max: 50 }),
);

describe('rollup compaction', () => {
  it('packs wide rollups and keeps narrow ones as plain fields', () => {
    const narrow = storedRollup('2026-03-01|*', wideSections(packMinLeaves - 1), 0);
    expect(narrow['packed']).toBeUndefined();
    expect(countLeaves(narrow)).toBe(packMinLeaves); // the sections and `writes`
    const wide = storedRollup('2026-03|*|breakdown', wideSections(packMinLeaves), 3);
    expect(Object.keys(wide).sort()).toEqual(['_id', 'packed', 'writes']);
    expect(unpackSections(wide['packed'])).toEqual(wideSections(packMinLeaves));
  });

  it('reads packed + residual leaf by leaf, whatever was packed and whatever $inc added since (property)', () => {
    fc.assert(
      fc.property(pathsArbitrary, pathsArbitrary, (packedPaths, residualPaths) => {
        const packed = nestedDocument(new Map(Object.entries(packedPaths)));
        const residual = nestedDocument(new Map(Object.entries(residualPaths)));
        const read = readStoredRollup({ _id: 'x', packed: packSections(packed), writes: 2, ...residual });
        const expected = new Map<string, number>();
        for (const [path, amount] of [...Object.entries(packedPaths), ...Object.entries(residualPaths)])
          expected.set(path, (expected.get(path) ?? 0) + amount);
        for (const [path, amount] of expected) if (amount === 0) expected.delete(path);
        expect(flattenDocument(read.sections)).toEqual(expected);
      }),
    );
  });

  it('folds a packed rollup once its residual is large, an unpacked one once it is wide', () => {
    const packed = { _id: 'x', packed: packSections(wideSections(400)), writes: 9 };
    expect(readStoredRollup(packed).fold).toBeNull();
    expect(readStoredRollup({ ...packed, ...wideSections(refoldMinResidualLeaves - 1) }).fold).toBeNull();
    expect(readStoredRollup({ ...packed, ...wideSections(refoldMinResidualLeaves) }).fold).toEqual({ writes: 9 });
    expect(readStoredRollup({ _id: 'y', ...wideSections(packMinLeaves - 1), writes: 1 }).fold).toBeNull();
    expect(readStoredRollup({ _id: 'y', ...wideSections(packMinLeaves) }).fold).toEqual({ writes: null });
  });

  it('stores what a rebuild would: no zero leaves, no empty sections', () => {
    expect(withoutZeroLeaves({ all: { a: 0, b: 2 }, agents: { agt_1: { c: 0 } } })).toEqual({ all: { b: 2 } });
    const read = readStoredRollup({ _id: 'x', packed: packSections({ all: { a: 1 } }), all: { a: -1, b: 1 } });
    expect(storedRollup('x', read.sections, 4)).toEqual({ _id: 'x', all: { b: 1 }, writes: 4 });
  });
});
