import type { RoutingGroup } from './routing-group.ts';

/** How a queued ticket stands in one of its routing groups. */
export interface GroupStanding {
  group: RoutingGroup;
  /** Tickets ahead of it in this group. */
  ahead: number;
  /** Tickets claimed from this group within the claim window. */
  recentClaims: number;
}

/** A waiting shopper's place in line. */
export interface PlaceInLine {
  /** 1 = next to be claimed (in the group where it is furthest ahead). */
  position: number;
  /** Estimated wait from the recent claim rate; null while no group has claims to go by. */
  expectedWaitMs: number | null;
  groups: GroupStanding[];
}

/**
 * Place in line and expected wait from a ticket's standing in each of its groups. The ticket is
 * claimed from whichever group reaches it first, so both are the best over its groups: position
 * = fewest ahead + 1, wait = min over groups of (ahead + 1) / (recent claims / window).
 * @example placeInLine([{ group: 'en:shipping', ahead: 4, recentClaims: 30 }], 900_000).expectedWaitMs // 150_000
 */
export function placeInLine(groups: readonly GroupStanding[], claimWindowMs: number): PlaceInLine | null {
  if (groups.length === 0) return null;
  let position = Infinity;
  let expectedWaitMs: number | null = null;
  for (const standing of groups) {
    position = Math.min(position, standing.ahead + 1);
    if (standing.recentClaims > 0) {
      const wait = Math.round(((standing.ahead + 1) * claimWindowMs) / standing.recentClaims);
      expectedWaitMs = expectedWaitMs === null ? wait : Math.min(expectedWaitMs, wait);
    }
  }
  return { position, expectedWaitMs, groups: [...groups] };
}
