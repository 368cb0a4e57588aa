import type { DeliveryProblemKind } from '@loyaldesk/contracts/delivery-problem';
import type { IssueKind } from '@loyaldesk/contracts/issue-kind';
import type { Shipment, ShipmentStatus } from '@loyaldesk/customer-profile/schemas';

const problemStatuses: ReadonlySet<ShipmentStatus> = new Set(['failed_attempt', 'delayed', 'exception', 'returned', 'lost']);

function isProblemStatus(status: ShipmentStatus): status is ShipmentStatus & DeliveryProblemKind {
  return problemStatuses.has(status);
}

/**
 * The delivery problems a shipment has now: its status when that means trouble, and
 * `estimate_slipped` when its estimated delivery is more than `estimateSlipHours` later than the
 * first promise (and it is not delivered). A state, not a change: asking twice gives the same
 * answer, so notices keyed by shipment and kind stay once-only under retries.
 * @example deliveryProblemsOf({ ...shipment, status: 'lost' }, 48) // ['lost']
 */
export function deliveryProblemsOf(shipment: Shipment, estimateSlipHours: number): DeliveryProblemKind[] {
  const problems: DeliveryProblemKind[] = [];
  if (isProblemStatus(shipment.status)) problems.push(shipment.status);
  const promise = shipment.estimatedDeliveryHistory?.[0]?.estimatedDelivery;
  const current = shipment.estimatedDelivery;
  if (shipment.status !== 'delivered' && promise && current && current.getTime() - promise.getTime() > estimateSlipHours * 3_600_000) {
    problems.push('estimate_slipped');
  }
  return problems;
}

/** The issue kind a proactive ticket ranks as: a parcel that will not come is missing, any other problem a delay. */
export function issueKindOfProblem(kind: DeliveryProblemKind): IssueKind {
  return kind === 'lost' || kind === 'returned' ? 'order_missing' : 'order_delayed';
}
