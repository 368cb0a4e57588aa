import { tierRank, type Tier, type TierFloor, type TierFloorTags } from '../schemas/policy.ts';

/**
 * The highest tier the shop's tag setting gives any of `tags` (matched trimmed and
 * case-insensitively), with the tag that gives it; none when no tag is in the setting.
 * @example tierFloorOf(['newsletter', 'vip'], new Map([['vip', 'gold']])) // { tier: 'gold', tag: 'vip' }
 */
export function tierFloorOf(tags: readonly string[], setting: TierFloorTags): TierFloor | undefined {
  let floor: TierFloor | undefined;
  for (const tag of tags) {
    const tier = setting.get(tag.trim().toLowerCase());
    if (tier && (!floor || tierRank(tier) > tierRank(floor.tier))) floor = { tier, tag: tag.trim() };
  }
  return floor;
}

/**
 * The tier a customer holds: the higher of `computed` (from purchases) and the floor; a floor
 * never lowers a tier. The reason says when the tag, not the purchases, decided.
 */
export function applyTierFloor<T extends { tier: Tier; reason: string }>(computed: T, floor: TierFloor | undefined): T {
  if (!floor || tierRank(floor.tier) <= tierRank(computed.tier)) return computed;
  return { ...computed, tier: floor.tier, reason: `${floor.tier}: tagged "${floor.tag}" (the shop's tier floor); by purchases ${computed.reason}` };
}
