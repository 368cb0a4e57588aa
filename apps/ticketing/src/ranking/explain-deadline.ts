import type { IssueKind } from '@loyaldesk/contracts/issue-kind';
import type { DeadlineBreakdown } from '@loyaldesk/contracts/tickets-api';
import type { Tier } from '@loyaldesk/contracts/tier';

const tierLabels: Record<Tier, string> = { bronze: 'Bronze', silver: 'Silver', gold: 'Gold', platinum: 'Platinum' };

/** How an agent reads each issue kind in an explanation. */
export const issueKindLabels: Record<IssueKind, string> = {
  order_missing: 'missing parcel',
  order_damaged: 'damaged order',
  wrong_item: 'wrong item',
  order_delayed: 'delayed order',
  payment: 'payment problem',
  refund: 'refund',
  return: 'return',
  shipping_question: 'shipping question',
  product_question: 'product question',
  account: 'account question',
  general: 'general question',
};

/**
 * Minutes for people: "10 min", "2 h", "4 h 30 min", "2 d 4 h".
 * @example formatMinutes(270) // '4 h 30 min'
 */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days > 0 ? `${days} d` : '', hours > 0 ? `${hours} h` : '', rest > 0 ? `${rest} min` : ''];
  return parts.filter((part) => part !== '').join(' ');
}

/**
 * The sentence an agent sees next to a ticket.
 * @example explainDeadline(breakdown) // 'Gold, top 5% value, missing parcel: target 10 min'
 */
export function explainDeadline(breakdown: DeadlineBreakdown): string {
  const parts = [tierLabels[breakdown.tier]];
  if (breakdown.valueAdjustment) parts.push(`top ${breakdown.valueAdjustment.topPercent}% value`);
  parts.push(issueKindLabels[breakdown.issueKind]);
  return `${parts.join(', ')}: target ${formatMinutes(breakdown.targetMinutes)}`;
}
