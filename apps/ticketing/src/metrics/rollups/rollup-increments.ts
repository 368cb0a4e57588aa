import { bucketKey, type RollupCounter } from '../definitions/rollup-fields.ts';
import type { RollupContribution } from '../definitions/ticket-contribution.ts';
import {
  allTiers,
  backlogRollupId,
  breakdownRollupId,
  dayOfMonthKey,
  dayRollupId,
  monthOf,
  openRollupId,
  weekRollupId,
  weekStartOf,
} from './rollup-keys.ts';

/** Amounts to `$inc`, by rollup `_id`, then by dotted path inside it (e.g. "tiers.gold.ticketsCreated"). */
export type RollupIncrements = Map<string, Map<string, number>>;

// Counters that feed the "open right now" and "open by creation day" rollups only.
const backlogCounters: ReadonlySet<RollupCounter> = new Set(['openTickets']);

/** What a tier's breakdown section holds: the dashboard shows SLA compliance per tier. */
export const tierBreakdownCounters: ReadonlySet<RollupCounter> = new Set(['slaMet', 'slaBreached']);

/**
 * What an agent's breakdown section holds: the agent row's load, latencies (counts and totals
 * beside the histograms), SLA compliance and CSAT. Every field kept out of the breakdowns is one
 * FerretDB does not decode on each dashboard read.
 */
export const agentBreakdownCounters: ReadonlySet<RollupCounter> = new Set([
  'ticketsAssigned',
  'ticketsResolved',
  'firstResponses',
  'firstResponseTimeTotal',
  'resolutionTimeTotal',
  'slaMet',
  'slaBreached',
  'csatPositive',
  'csatResponses',
]);

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
 * `backlog|<tier>` holds `all` and `agents.<agentId>`. And by creation day: `<month>|*|open`
 * holds `all.d<DD>` and `tiers.<tier>.d<DD>`, `<month>|<tier>|open` holds `all.d<DD>`.
 */
function backlogTargets(line: RollupContribution): Array<[rollupId: string, path: string]> {
  const targets: Array<[string, string]> = [[backlogRollupId(allTiers), 'all.openTickets']];
  const month = monthOf(line.day);
  const dayKey = dayOfMonthKey(line.day);
  targets.push([openRollupId(month, allTiers), `all.${dayKey}`]);
  if (line.tier !== null) {
    targets.push(
      [backlogRollupId(allTiers), `tiers.${line.tier}.openTickets`],
      [backlogRollupId(line.tier), 'all.openTickets'],
      [openRollupId(month, allTiers), `tiers.${line.tier}.${dayKey}`],
      [openRollupId(month, line.tier), `all.${dayKey}`],
    );
  }
  if (line.agentId !== null) {
    targets.push([backlogRollupId(allTiers), `agents.${line.agentId}.openTickets`]);
    if (line.tier !== null) targets.push([backlogRollupId(line.tier), `agents.${line.agentId}.openTickets`]);
  }
  return targets;
}

/**
 * The totals a figure goes to: the `all` section of its day and of its week, in the `*` scope and
 * in its tier's scope.
 */
function totalTargets(line: RollupContribution): Target[] {
  const week = weekStartOf(line.day);
  const targets: Target[] = [
    [dayRollupId(line.day, allTiers), 'all'],
    [weekRollupId(week, allTiers), 'all'],
  ];
  if (line.tier !== null)
    targets.push([dayRollupId(line.day, line.tier), 'all'], [weekRollupId(week, line.tier), 'all']);
  return targets;
}

/**
 * The breakdown sections a figure goes to, in the breakdowns of its day and of its month:
 * `tiers.<tier>` in `*` (SLA compliance only) and `agents.<agentId>` in `*` and in its tier's scope
 * (the agent row's fields only).
 */
function breakdownTargets(line: RollupContribution): { tier: Target[]; agent: Target[] } {
  const tier: Target[] = [];
  const agent: Target[] = [];
  for (const span of [line.day, monthOf(line.day)]) {
    if (line.tier !== null) tier.push([breakdownRollupId(span, allTiers), `tiers.${line.tier}`]);
    if (line.agentId !== null) {
      agent.push([breakdownRollupId(span, allTiers), `agents.${line.agentId}`]);
      if (line.tier !== null) agent.push([breakdownRollupId(span, line.tier), `agents.${line.agentId}`]);
    }
  }
  return { tier, agent };
}

/**
 * Adds `sign` × the contribution lines to `into`, laid out as rollup documents and dotted paths
 * (see README.md beside this file for the documents). Pure; zero amounts are left out.
 */
export function addContribution(
  lines: readonly RollupContribution[],
  sign: 1 | -1,
  into: RollupIncrements = new Map(),
): RollupIncrements {
  for (const line of lines) {
    const totals = totalTargets(line);
    const breakdowns = breakdownTargets(line);
    for (const [counter, amount = 0] of Object.entries(line.counters) as Array<[RollupCounter, number | undefined]>) {
      if (amount === 0) continue;
      if (backlogCounters.has(counter)) {
        for (const [rollupId, path] of backlogTargets(line)) addAmount(into, rollupId, path, sign * amount);
        continue;
      }
      for (const [rollupId, section] of totals) addAmount(into, rollupId, `${section}.${counter}`, sign * amount);
      if (tierBreakdownCounters.has(counter)) {
        for (const [rollupId, section] of breakdowns.tier)
          addAmount(into, rollupId, `${section}.${counter}`, sign * amount);
      }
      if (agentBreakdownCounters.has(counter)) {
        for (const [rollupId, section] of breakdowns.agent)
          addAmount(into, rollupId, `${section}.${counter}`, sign * amount);
      }
    }
    for (const [histogram, bucket] of Object.entries(line.histograms)) {
      if (bucket === undefined) continue;
      for (const [rollupId, section] of [...totals, ...breakdowns.agent]) {
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
