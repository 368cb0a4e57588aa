import { bucketKey, type RollupCounter } from './rollup-fields.ts';
import { allTiers, backlogRollupId, breakdownRollupId, dayRollupId, monthOf } from './rollup-keys.ts';
import type { RollupContribution } from './ticket-contribution.ts';

/** Amounts to `$inc`, by rollup `_id`, then by dotted path inside it (e.g. "tiers.gold.ticketsCreated"). */
export type RollupIncrements = Map<string, Map<string, number>>;

// Counters that also feed the "open right now" rollups.
const backlogCounters: ReadonlySet<RollupCounter> = new Set(['openTickets']);

function addAmount(into: RollupIncrements, rollupId: string, path: string, amount: number): void {
  if (amount === 0) return;
  let paths = into.get(rollupId);
  if (!paths) {
    paths = new Map();
    into.set(rollupId, paths);
  }
  paths.set(path, (paths.get(path) ?? 0) + amount);
}

type Target = [rollupId: string, section: string];

/**
 * The backlog right now: `backlog|*` holds `all`, `tiers.<tier>` and `agents.<agentId>`;
 * `backlog|<tier>` holds `all` and `agents.<agentId>`.
 */
function backlogTargets(line: RollupContribution): Target[] {
  const targets: Target[] = [[backlogRollupId(allTiers), 'all']];
  if (line.tier !== null)
    targets.push([backlogRollupId(allTiers), `tiers.${line.tier}`], [backlogRollupId(line.tier), 'all']);
  if (line.agentId !== null) {
    targets.push([backlogRollupId(allTiers), `agents.${line.agentId}`]);
    if (line.tier !== null) targets.push([backlogRollupId(line.tier), `agents.${line.agentId}`]);
  }
  return targets;
}

/**
 * The sections a figure goes to: the day's totals (`all`) in the `*` scope and its tier's scope,
 * and the breakdowns (`tiers.<tier>` in `*`, `agents.<agentId>` in both) of its day and its month.
 * So a change touches at most six rollups per day, and a dashboard reads one small rollup per day
 * plus a few breakdowns.
 */
function dayTargets(line: RollupContribution): Target[] {
  const targets: Target[] = [[dayRollupId(line.day, allTiers), 'all']];
  if (line.tier !== null) targets.push([dayRollupId(line.day, line.tier), 'all']);
  for (const span of [line.day, monthOf(line.day)]) {
    if (line.tier !== null) targets.push([breakdownRollupId(span, allTiers), `tiers.${line.tier}`]);
    if (line.agentId !== null) {
      targets.push([breakdownRollupId(span, allTiers), `agents.${line.agentId}`]);
      if (line.tier !== null) targets.push([breakdownRollupId(span, line.tier), `agents.${line.agentId}`]);
    }
  }
  return targets;
}

/**
 * Adds `sign` × the contribution lines to `into`, laid out as rollup documents and dotted paths.
 * Pure; zero amounts are left out.
 */
export function addContribution(
  lines: readonly RollupContribution[],
  sign: 1 | -1,
  into: RollupIncrements = new Map(),
): RollupIncrements {
  for (const line of lines) {
    const targets = dayTargets(line);
    for (const [counter, amount = 0] of Object.entries(line.counters) as Array<[RollupCounter, number | undefined]>) {
      for (const [rollupId, section] of targets) addAmount(into, rollupId, `${section}.${counter}`, sign * amount);
      if (backlogCounters.has(counter)) {
        // Open counts by creation day and tier, for the backlog by tier and age.
        if (line.tier !== null)
          addAmount(into, dayRollupId(line.day, allTiers), `tiers.${line.tier}.${counter}`, sign * amount);
        for (const [rollupId, section] of backlogTargets(line))
          addAmount(into, rollupId, `${section}.${counter}`, sign * amount);
      }
    }
    for (const [histogram, bucket] of Object.entries(line.histograms)) {
      if (bucket === undefined) continue;
      for (const [rollupId, section] of targets) {
        addAmount(into, rollupId, `${section}.${histogram}.${bucketKey(bucket)}`, sign);
      }
    }
  }
  return into;
}

/** Drops paths whose amounts cancelled out, and rollups left with none. */
export function withoutZeros(increments: RollupIncrements): RollupIncrements {
  const result: RollupIncrements = new Map();
  for (const [rollupId, paths] of increments) {
    const kept = new Map([...paths].filter(([, amount]) => amount !== 0));
    if (kept.size > 0) result.set(rollupId, kept);
  }
  return result;
}

/**
 * What changes in the rollups when something that contributed `before` now contributes `after`:
 * after − before, zero entries skipped. Applying every change's delta with `$inc` leaves the
 * rollups equal to the sum of the final contributions, in whatever order the deltas arrive.
 */
export function contributionDelta(
  before: readonly RollupContribution[],
  after: readonly RollupContribution[],
): RollupIncrements {
  return withoutZeros(addContribution(before, -1, addContribution(after, 1)));
}

/** A nested document holding the amounts of `paths` (the shape `$inc` builds from dotted paths). */
export function nestedDocument(paths: ReadonlyMap<string, number>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, amount] of paths) {
    const parts = path.split('.');
    const leaf = parts.pop();
    if (leaf === undefined) continue;
    let node = root;
    for (const part of parts) {
      const child = node[part];
      if (typeof child === 'object' && child !== null) {
        node = child as Record<string, unknown>;
      } else {
        const created: Record<string, unknown> = {};
        node[part] = created;
        node = created;
      }
    }
    node[leaf] = amount;
  }
  return root;
}

/** The numeric leaves of a stored rollup as dotted paths, zeros left out (the inverse of {@link nestedDocument}). */
export function flattenDocument(
  document: Record<string, unknown>,
  prefix = '',
  into = new Map<string, number>(),
): Map<string, number> {
  for (const [key, value] of Object.entries(document)) {
    if (key === '_id' && prefix === '') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'number') {
      if (value !== 0) into.set(path, value);
    } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      flattenDocument(value as Record<string, unknown>, path, into);
    }
  }
  return into;
}
