import { deliveryProblemKinds, type DeliveryProblemKind } from '@loyaldesk/contracts/delivery-problem';
import type { ProactiveNoticePolicy } from '@loyaldesk/contracts/policies';
import type { Tier } from '@loyaldesk/contracts/tier';

/** What a tier's policy can do about a delivery problem. */
export type NoticeAction = 'notify' | 'openTicket';
export const noticeActions: readonly NoticeAction[] = ['notify', 'openTicket'];

/** The policy with one kind switched on or off for one tier and action (kinds kept in their canonical order). */
export function toggleKind(policy: ProactiveNoticePolicy, tier: Tier, action: NoticeAction, kind: DeliveryProblemKind, on: boolean): ProactiveNoticePolicy {
  const current = new Set(policy.tiers[tier][action]);
  if (on) current.add(kind);
  else current.delete(kind);
  const kinds = deliveryProblemKinds.filter((candidate) => current.has(candidate));
  return { ...policy, tiers: { ...policy.tiers, [tier]: { ...policy.tiers[tier], [action]: kinds } } };
}
