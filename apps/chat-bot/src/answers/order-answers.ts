import type { Language } from '@loyaldesk/contracts/language';
import type { Order, RecentOrder, ShipmentStatus } from '@loyaldesk/customer-profile/schemas';
import { catalogFor } from '../i18n/catalogs.ts';
import { formatDay, formatDayTime, formatMoney } from '../i18n/format.ts';
import { button, type BotReply } from './bot-reply.ts';

/** Line items listed before "and N more"; tracking events listed per parcel. */
const shownItems = 5;
const shownEvents = 3;
/** Statuses after which no delivery estimate holds: arrived, on its way back, or gone. */
const noEstimateStatuses: ReadonlySet<ShipmentStatus> = new Set(['delivered', 'returned', 'lost']);

/**
 * An order's status for its verified shopper: status, line items, and per parcel the carrier,
 * tracking number, status, estimated (or actual) delivery and the latest tracking events.
 */
export function orderAnswer(order: Order, language: Language, timeZone: string): BotReply {
  const text = catalogFor(language);
  const body = text.order({
    number: order.number,
    status: order.status,
    placedOn: formatDay(order.placedAt, timeZone, language),
    items: order.lineItems.slice(0, shownItems).map((item) => ({ name: item.name, quantity: item.quantity })),
    moreItems: Math.max(0, order.lineItems.length - shownItems),
    total: formatMoney(order.totals.total, order.currency, language),
    shipments: order.shipments.map((shipment) => ({
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      status: shipment.status,
      eta:
        !noEstimateStatuses.has(shipment.status) && shipment.estimatedDelivery
          ? formatDay(shipment.estimatedDelivery, timeZone, language)
          : null,
      deliveredOn: shipment.deliveredAt ? formatDay(shipment.deliveredAt, timeZone, language) : null,
      events: [...shipment.events]
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, shownEvents)
        .map((event) => ({
          when: formatDayTime(event.at, timeZone, language),
          location: event.location ?? null,
          description: event.description,
        })),
    })),
  });
  return {
    body,
    language,
    quickReplies: [
      button(text.labels.recentOrders, { kind: 'orders.recent' }),
      button(text.labels.talkToPerson, { kind: 'handoff.request' }),
      button(text.labels.thatsAll, { kind: 'conversation.end' }),
    ],
  };
}

/** A verified shopper's recent orders (the customer's bounded copy), each a button to its details. */
export function recentOrdersAnswer(
  recentOrders: readonly RecentOrder[],
  language: Language,
  timeZone: string,
): BotReply {
  const text = catalogFor(language);
  if (recentOrders.length === 0) {
    return {
      body: text.noRecentOrders(),
      language,
      quickReplies: [button(text.labels.talkToPerson, { kind: 'handoff.request' })],
    };
  }
  const newestFirst = [...recentOrders].sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime());
  return {
    body: text.recentOrders(
      newestFirst.map((order) => ({
        number: order.orderId,
        status: order.status,
        placedOn: formatDay(order.placedAt, timeZone, language),
        total: formatMoney(order.total, order.currency, language),
      })),
    ),
    language,
    quickReplies: newestFirst
      .slice(0, 5)
      .map((order) =>
        button(text.labels.orderNumber(order.orderId), { kind: 'order.show', orderNumber: order.orderId }),
      ),
  };
}
