import type { Customer, CustomerFeedback, CustomerFeedbackSummary, CustomerProfile } from '../schemas/customer.ts';
import type { Order } from '../schemas/order.ts';
import { valuePercentile } from '../rules/value.ts';
import type { CustomerDocument, OrderDocument } from './models.ts';

// Documents never leave the service: these map them to the plain shapes of schemas/.

export function orderToDocument(order: Order): OrderDocument {
  const { number, ...rest } = order;
  return { _id: number, ...rest };
}

export function orderFromDocument(document: OrderDocument): Order {
  const { _id, revision: _revision, ...rest } = document;
  return { number: _id, ...rest };
}

export function customerToDocument(customer: Customer): CustomerDocument {
  const { id, ...rest } = customer;
  return { _id: id, ...rest };
}

export function customerFromDocument(document: CustomerDocument): Customer {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}

/** The customer as the desk shows it: the ledger dropped, the value percentile added, feedback without its source ids. */
export function toProfile(customer: Customer, histogram: readonly number[]): CustomerProfile {
  const { ledger: _ledger, version: _version, identityFrom: _identityFrom, tagsFrom: _tagsFrom, feedback, ...rest } = customer;
  return {
    ...rest,
    value: { ...customer.value, percentile: valuePercentile(histogram, customer.value.bucket) },
    ...(feedback ? { feedback: feedbackSummary(feedback) } : {}),
  };
}

/** The feedback the desk shows: the latest scores and the count, not the idempotence bookkeeping. */
export function feedbackSummary(feedback: CustomerFeedback): CustomerFeedbackSummary {
  const { recentSources: _recentSources, ...summary } = feedback;
  return summary;
}

/** The optional derived fields a customer no longer has, to `$unset` beside a `$set` of the rest (a removed tag takes its floor with it). */
export function absentCustomerFields(customer: Customer): Partial<Record<'tags' | 'tierFloor' | 'tagsFrom', ''>> {
  const absent: Partial<Record<'tags' | 'tierFloor' | 'tagsFrom', ''>> = {};
  for (const field of ['tags', 'tierFloor', 'tagsFrom'] as const) if (customer[field] === undefined) absent[field] = '';
  return absent;
}
