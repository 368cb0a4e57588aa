import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../schemas/customer.ts';
import { defaultProfilePolicy, tierFloorTagsSchema } from '../schemas/policy.ts';
import { tierTimeline } from './tier.ts';
import { applyTierFloor, tierFloorOf } from './tier-floor.ts';

const day = 86_400_000;
const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (n: number): Date => new Date(now.getTime() - n * day);
const purchase = (orderId: string, placedAt: Date, net: number): LedgerEntry => ({ orderId, placedAt, net, status: 'delivered', sourceUpdatedAt: placedAt });
const setting = tierFloorTagsSchema.parse(' VIP = gold , Wholesale=silver,Founders=PLATINUM');

describe('tierFloorTagsSchema', () => {
  it('reads TAG=tier pairs, tags trimmed and lower-cased, tiers in any case', () => {
    expect([...setting]).toEqual([
      ['vip', 'gold'],
      ['wholesale', 'silver'],
      ['founders', 'platinum'],
    ]);
    expect(tierFloorTagsSchema.parse('').size).toBe(0);
    expect(tierFloorTagsSchema.parse(undefined).size).toBe(0);
  });

  it('refuses a pair without a tag, a tier other than silver/gold/platinum, or a second =, naming the pair', () => {
    for (const text of ['=gold', 'VIP', 'VIP=diamond', 'VIP=bronze', 'VIP=gold=x']) {
      const result = tierFloorTagsSchema.safeParse(text);
      expect(result.success, text).toBe(false);
      expect(result.error?.issues[0]?.message).toContain('must be TAG=tier');
    }
  });
});

describe('tierFloorOf', () => {
  it('matches tags trimmed and case-insensitively, the highest tier winning', () => {
    expect(tierFloorOf(['newsletter', ' vip '], setting)).toEqual({ tier: 'gold', tag: 'vip' });
    expect(tierFloorOf(['Wholesale', 'VIP', 'founders'], setting)).toEqual({ tier: 'platinum', tag: 'founders' });
    expect(tierFloorOf(['newsletter', 'VIP-ish'], setting)).toBeUndefined();
    expect(tierFloorOf([], setting)).toBeUndefined();
    expect(tierFloorOf(['VIP'], new Map())).toBeUndefined();
  });
});

describe('applyTierFloor', () => {
  it('takes the higher of the computed tier and the floor, and says the tag decided', () => {
    const computed = { tier: 'bronze' as const, reason: 'bronze: $0.00 and 0 orders' };
    expect(applyTierFloor(computed, { tier: 'gold', tag: 'VIP' })).toEqual({
      tier: 'gold',
      reason: 'gold: tagged "VIP" (the shop\'s tier floor); by purchases bronze: $0.00 and 0 orders',
    });
  });

  it('never lowers a tier, and changes nothing without a floor', () => {
    const platinum = { tier: 'platinum' as const, reason: 'platinum: lots' };
    expect(applyTierFloor(platinum, { tier: 'gold', tag: 'VIP' })).toBe(platinum);
    const gold = { tier: 'gold' as const, reason: 'gold: some' };
    expect(applyTierFloor(gold, { tier: 'gold', tag: 'VIP' })).toBe(gold);
    expect(applyTierFloor(gold, undefined)).toBe(gold);
  });
});

describe('tierTimeline with a tag floor', () => {
  it('ranks a new customer with no purchases at the floor, from when the tag was known', () => {
    const timeline = tierTimeline([], defaultProfilePolicy, now, 'USD', { tier: 'gold', tag: 'VIP', since: daysAgo(2) });
    expect(timeline.tier).toBe('gold');
    expect(timeline.since).toEqual(daysAgo(2));
    expect(timeline.reason).toMatch(/^gold: tagged "VIP"/);
    expect(timeline.history).toEqual([expect.objectContaining({ tier: 'gold', from: null, at: daysAgo(2) })]);
  });

  it('lifts the tier only from the tag on, and leaves a higher computed tier alone', () => {
    const ledger = [purchase('a', daysAgo(30), 30_000)];
    const lifted = tierTimeline(ledger, defaultProfilePolicy, now, 'USD', { tier: 'gold', tag: 'VIP', since: daysAgo(5) });
    expect(lifted.history.map((change) => [change.tier, change.at])).toEqual([
      ['silver', daysAgo(30)],
      ['gold', daysAgo(5)],
    ]);
    const rich = [purchase('b', daysAgo(30), 400_000)];
    const untouched = tierTimeline(rich, defaultProfilePolicy, now, 'USD', { tier: 'gold', tag: 'VIP', since: daysAgo(5) });
    expect(untouched.tier).toBe('platinum');
    expect(untouched).toEqual(tierTimeline(rich, defaultProfilePolicy, now, 'USD'));
  });

  it('counts a tag reported with a clock ahead of ours from now', () => {
    const ahead = tierTimeline([], defaultProfilePolicy, now, 'USD', { tier: 'silver', tag: 'Wholesale', since: new Date(now.getTime() + day) });
    expect(ahead.tier).toBe('silver');
    expect(ahead.since).toEqual(now);
  });
});
