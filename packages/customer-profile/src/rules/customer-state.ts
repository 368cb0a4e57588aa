import type { Customer, LedgerEntry, RecentOrder } from '../schemas/customer.ts';
import { countsAsPurchase, orderNet, type Order } from '../schemas/order.ts';
import type { ProfilePolicy } from '../schemas/policy.ts';
import { tierTimeline } from './tier.ts';
import { predictedLtv, valueBucket } from './value.ts';

const recentOrderLimit = 5;

/** What a customer document takes from one order. */
export interface OrderFacts {
  customerId: string;
  entry: LedgerEntry;
  recent: RecentOrder;
  identity: { email: string; name?: string | undefined; locale?: string | undefined };
  /** The customer's tags as this order's newest tag-carrying delivery had them; absent when none carried any. */
  tags?: NonNullable<Order['customerTags']>;
  currency: string;
}

/** Extracts from a stored order what its customer keeps. */
export function orderFacts(order: Order): OrderFacts {
  return {
    customerId: order.customerId,
    entry: {
      orderId: order.number,
      placedAt: order.placedAt,
      status: order.status,
      net: orderNet(order),
      sourceUpdatedAt: order.sourceUpdatedAt,
    },
    recent: {
      orderId: order.number,
      placedAt: order.placedAt,
      status: order.status,
      total: order.totals.total,
      currency: order.currency,
      itemCount: order.lineItems.reduce((sum, item) => sum + item.quantity, 0),
      shipments: order.shipments.map((shipment) => ({
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        status: shipment.status,
        ...(shipment.estimatedDelivery ? { estimatedDelivery: shipment.estimatedDelivery } : {}),
      })),
      sourceUpdatedAt: order.sourceUpdatedAt,
    },
    identity: { email: order.email, name: order.customerName, locale: order.customerLocale },
    ...(order.customerTags ? { tags: order.customerTags } : {}),
    currency: order.currency,
  };
}

/** Newest first by a tag delivery's source time, then order id: the customer's tags are the first's. */
function newestTagsFirst(a: { at: Date; orderId: string }, b: { at: Date; orderId: string }): number {
  return b.at.getTime() - a.at.getTime() || (a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0);
}

/**
 * The customer's tags and floor after `facts`: taken from whichever delivery that carried tags is
 * newest by source time (the same in any order of arrival), so a tag removed in the shop takes
 * its floor away at the next order delivery, and a late redelivery of an older one changes nothing.
 */
function mergeTags(customer: CustomerBasis | undefined, facts: OrderFacts): Pick<CustomerBasis, 'tags' | 'tierFloor' | 'tagsFrom'> {
  const kept = customer?.tagsFrom
    ? { tags: customer.tags ?? [], ...(customer.tierFloor ? { tierFloor: customer.tierFloor } : {}), tagsFrom: customer.tagsFrom }
    : {};
  if (!facts.tags) return kept;
  const offered = { orderId: facts.entry.orderId, at: facts.tags.at };
  if (customer?.tagsFrom && newestTagsFirst(offered, customer.tagsFrom) > 0) return kept;
  return { tags: facts.tags.tags, ...(facts.tags.tierFloor ? { tierFloor: facts.tags.tierFloor } : {}), tagsFrom: offered };
}

/** Newest first: by placed time, then order id, so ties break the same way everywhere. */
function newestFirst(a: { placedAt: Date; orderId: string }, b: { placedAt: Date; orderId: string }): number {
  return b.placedAt.getTime() - a.placedAt.getTime() || (a.orderId < b.orderId ? 1 : a.orderId > b.orderId ? -1 : 0);
}

/**
 * The customer after one order is applied, or `undefined` when it changes nothing (the same or an
 * older version of the order was already applied). Applying a set of orders gives the same
 * customer in any order and any number of repeats: ledger entries, the recent-orders copy and
 * the identity all keep the newest version, and everything else is derived from them.
 */
export function applyOrderToCustomer(
  customer: Customer | undefined,
  facts: OrderFacts,
  policy: ProfilePolicy,
  now: Date,
): Customer | undefined {
  const basis = mergeOrder(customer, facts);
  return basis ? deriveCustomer(basis, policy, now) : undefined;
}

/** Folds one order into the parts of a customer that are not derived; `undefined` when nothing changes. */
export function mergeOrder(customer: CustomerBasis | undefined, facts: OrderFacts): CustomerBasis | undefined {
  const existing = customer?.ledger.find((entry) => entry.orderId === facts.entry.orderId);
  if (existing && existing.sourceUpdatedAt.getTime() >= facts.entry.sourceUpdatedAt.getTime()) return undefined;

  const ledger = (customer?.ledger ?? []).filter((entry) => entry.orderId !== facts.entry.orderId);
  ledger.push(facts.entry);
  ledger.sort((a, b) => -newestFirst(a, b));

  const recentOrders = (customer?.recentOrders ?? []).filter((order) => order.orderId !== facts.recent.orderId);
  recentOrders.push(facts.recent);
  recentOrders.sort(newestFirst);
  recentOrders.length = Math.min(recentOrders.length, recentOrderLimit);

  const takeIdentity =
    !customer || newestFirst({ placedAt: facts.entry.placedAt, orderId: facts.entry.orderId }, customer.identityFrom) <= 0;
  const identity = takeIdentity
    ? {
        email: facts.identity.email,
        name: facts.identity.name ?? customer?.name,
        locale: facts.identity.locale ?? customer?.locale,
        identityFrom: { orderId: facts.entry.orderId, placedAt: facts.entry.placedAt },
      }
    : { email: customer.email, name: customer.name, locale: customer.locale, identityFrom: customer.identityFrom };

  return {
    id: facts.customerId,
    ...identity,
    ...mergeTags(customer, facts),
    currency: facts.currency,
    ledger,
    recentOrders,
    version: customer?.version ?? 0,
  };
}

/** The parts of a customer that are not derived from others. */
export type CustomerBasis = Pick<Customer, 'id' | 'email' | 'identityFrom' | 'currency' | 'ledger' | 'recentOrders' | 'version'> &
  Partial<Pick<Customer, 'tags' | 'tierFloor' | 'tagsFrom'>> & {
  name?: string | undefined;
  locale?: string | undefined;
};

/** Everything else on a customer follows from its ledger, the policy and the time. */
export function deriveCustomer(basis: CustomerBasis, policy: ProfilePolicy, now: Date): Customer {
  const purchases = basis.ledger.filter((entry) => countsAsPurchase(entry.status));
  const totalSpent = purchases.reduce((sum, entry) => sum + entry.net, 0);
  const orderCount = purchases.length;
  const firstOrderAt = purchases[0]?.placedAt;
  const lastOrderAt = purchases[purchases.length - 1]?.placedAt;
  const floor = basis.tierFloor && basis.tagsFrom ? { ...basis.tierFloor, since: basis.tagsFrom.at } : undefined;
  const timeline = tierTimeline(basis.ledger, policy, now, basis.currency, floor);
  const stats = {
    orderCount,
    totalSpent,
    averageOrderValue: orderCount > 0 ? Math.round(totalSpent / orderCount) : 0,
    ...(firstOrderAt ? { firstOrderAt } : {}),
    ...(lastOrderAt ? { lastOrderAt } : {}),
    windowSpent: timeline.windowSpent,
    windowOrders: timeline.windowOrders,
  };
  return {
    id: basis.id,
    email: basis.email,
    ...(basis.name !== undefined ? { name: basis.name } : {}),
    ...(basis.locale !== undefined ? { locale: basis.locale } : {}),
    identityFrom: basis.identityFrom,
    ...(basis.tags !== undefined ? { tags: basis.tags } : {}),
    ...(basis.tierFloor !== undefined ? { tierFloor: basis.tierFloor } : {}),
    ...(basis.tagsFrom !== undefined ? { tagsFrom: basis.tagsFrom } : {}),
    currency: basis.currency,
    stats,
    tier: timeline.tier,
    tierSince: timeline.since,
    tierReason: timeline.reason,
    tierHistory: timeline.history,
    value: {
      historicalLtv: totalSpent,
      predictedLtv: predictedLtv(stats, policy.expectedLifespanYears, now),
      bucket: valueBucket(totalSpent),
    },
    recentOrders: basis.recentOrders,
    ledger: basis.ledger,
    version: basis.version,
    updatedAt: now,
  };
}

/**
 * The stored customer as it stands at `now` under `policy`. Tier, window stats and predicted LTV
 * move with time (orders leave the trailing window) and with policy edits, without any write; the
 * stored copy catches up at the customer's next order or a rebuild. Readers use this, so an idle
 * customer whose spend aged out is not shown, or ranked, at their old tier.
 * @example customerAsOf(stored, policy, new Date()).tier
 */
export function customerAsOf(customer: Customer, policy: ProfilePolicy, now: Date): Customer {
  return { ...deriveCustomer(customer, policy, now), updatedAt: customer.updatedAt };
}

/** Builds a customer from all of its orders at once (the rebuild path); equal to applying them one by one. */
export function buildCustomerFromOrders(facts: readonly OrderFacts[], policy: ProfilePolicy, now: Date): Customer | undefined {
  let basis: CustomerBasis | undefined;
  for (const fact of facts) basis = mergeOrder(basis, fact) ?? basis;
  return basis ? deriveCustomer(basis, policy, now) : undefined;
}
