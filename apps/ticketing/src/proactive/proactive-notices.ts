import { createHash } from 'node:crypto';
import type { DeliveryProblemKind } from '@loyaldesk/contracts/delivery-problem';
import type { Language } from '@loyaldesk/contracts/language';
import type { Order, Shipment } from '@loyaldesk/customer-profile/schemas';
import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import type { Logger } from '@loyaldesk/platform/logger';
import { openTicketInputSchema } from '../tickets/open-ticket.ts';
import type { TicketService } from '../tickets/ticket-service.ts';
import type { Tier } from '@loyaldesk/contracts/tier';
import { deliveryNoticeJobFor, problemSince, type ChatNoticeSender } from './chat-notice.ts';
import type { CustomerProactiveTickets } from './customer-proactive-tickets.ts';
import { deliveryProblemsOf, issueKindOfProblem } from './delivery-problems.ts';
import { noticeEmail } from './notice-email.ts';
import { languageOfLocale } from './notice-language.ts';
import type { NoticeMailer } from './notice-mailer.ts';
import { noticeId, type ProactiveNotice, type ProactiveNoticeStore } from './proactive-notice-store.ts';
import type { ProactivePolicyStore } from './proactive-policy-store.ts';

export interface ProactiveNoticeDeps {
  profiles: Pick<CustomerProfileService, 'getCustomer'>;
  tickets: Pick<TicketService, 'open'>;
  notices: ProactiveNoticeStore;
  policy: ProactivePolicyStore;
  /** Absent: no email is sent (recorded as not_configured). */
  mailer?: NoticeMailer;
  /** The shopper's chat (through the outbox); absent: notices go by email only. */
  chat?: ChatNoticeSender;
  /** Each customer's proactive tickets, for a handoff to join; absent: not kept. */
  customerTickets?: CustomerProactiveTickets;
  /**
   * Every problem of the review, notified or not (the dashboard's repurchase comparison):
   * `metrics.recordDeliveryProblem`, once per problem id. `at`: the notice, else the problem.
   */
  recordDeliveryProblem?: (problem: { problemId: string; customerId: string; tier: Tier; notified: boolean; at: Date }) => Promise<unknown>;
  logger?: Logger;
  clock?: () => Date;
}

/**
 * Problems with no news for this long are history, not a retention moment: a backfill of old
 * orders (or a provider re-sending old trackings) must not open tickets or email anyone.
 */
export const noticeWindowDays = 30;

/** The newest thing known about a parcel: its latest event, else the last report, shipping or order time. */
function lastActivity(order: Pick<Order, 'placedAt'>, shipment: Shipment): Date {
  return shipment.events[shipment.events.length - 1]?.at ?? shipment.trackedAt ?? shipment.shippedAt ?? order.placedAt;
}

/** "2026-12-07 21:32 UTC": agents read it whatever their time zone. */
function utcMinute(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function parcelWillNotCome(kind: DeliveryProblemKind): boolean {
  return kind === 'lost' || kind === 'returned';
}

/** The proactive ticket's id for a notice: deterministic, so opening it again is a no-op. */
export function proactiveTicketId(notice: Pick<ProactiveNotice, 'id'>): string {
  return `tkt_pro_${createHash('sha256').update(notice.id).digest('hex').slice(0, 24)}`;
}

const problemWords: Record<DeliveryProblemKind, string> = {
  failed_attempt: 'failed delivery attempt',
  delayed: 'delayed parcel',
  exception: 'carrier exception',
  returned: 'parcel returned to sender',
  lost: 'parcel reported lost',
  estimate_slipped: 'delivery estimate slipped',
};

/**
 * Proactive delivery-problem notices: for each problem a tracked shipment has (see
 * `deliveryProblemsOf`) that the customer's tier policy names, a ticket opens at once, ranked like
 * any other, and the shopper is emailed in their language; each once per shipment and kind,
 * whatever the number of tracking deliveries (a natural key, then idempotent steps).
 */
interface ReviewedShipment {
  order: Order;
  shipment: Shipment;
}

export function createProactiveNotices(deps: ProactiveNoticeDeps) {
  const clock = deps.clock ?? (() => new Date());

  async function openTicket(notice: ProactiveNotice, change: ReviewedShipment, customerName: string | undefined): Promise<void> {
    if (!notice.ticketId || notice.ticketOpenedAt) return;
    const { order, shipment } = change;
    const latest = shipment.events[shipment.events.length - 1];
    const facts = [
      `Proactive: ${problemWords[notice.kind]} on order #${order.number} (${shipment.carrier} ${shipment.trackingNumber}${shipment.carrierStatus ? `, carrier status ${shipment.carrierStatus}` : ''}).`,
      latest ? `Latest tracking event: ${latest.description}${latest.location ? `, ${latest.location}` : ''} (${utcMinute(latest.at)}).` : '',
      shipment.estimatedDelivery && !parcelWillNotCome(notice.kind) ? `Estimated delivery now ${shipment.estimatedDelivery.toISOString().slice(0, 10)}.` : '',
      notice.email.status === 'pending' ? `The shopper is being emailed (${notice.language}).` : 'The shopper has not been emailed.',
    ].filter((line) => line !== '');
    // Parsed like any other request for a human (the handoff's too): bounds checked before the write.
    const input = openTicketInputSchema.parse({
      id: notice.ticketId,
      customerId: order.customerId,
      language: notice.language,
      issueKind: issueKindOfProblem(notice.kind),
      channel: 'email',
      subject: `Proactive: ${problemWords[notice.kind]}, order #${order.number}`,
      messages: [{ author: { kind: 'system', name: 'Delivery tracking' }, visibility: 'internal', body: facts.join('\n') }],
      requester: { email: order.email, ...(customerName ? { name: customerName.slice(0, 120) } : {}) },
      orderNumber: order.number,
      proactive: {
        kind: notice.kind,
        orderNumber: order.number,
        shipmentId: shipment.id,
        trackingNumber: shipment.trackingNumber,
        ...(shipment.carrierStatus ? { carrierStatus: shipment.carrierStatus } : {}),
      },
    });
    await deps.tickets.open(input);
    await deps.customerTickets?.add(order.customerId, { ticketId: notice.ticketId, orderNumber: order.number, openedAt: notice.createdAt });
    await deps.notices.markTicketOpened(notice.id, clock());
  }

  async function sendEmail(notice: ProactiveNotice, change: ReviewedShipment, customerName: string | undefined): Promise<void> {
    if (!deps.mailer || notice.email.status !== 'pending' || !(await deps.notices.claimEmail(notice.id))) return;
    const { shipment } = change;
    const latest = shipment.events[shipment.events.length - 1];
    const email = noticeEmail(
      {
        kind: notice.kind,
        orderNumber: change.order.number,
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        ...(customerName ? { customerName } : {}),
        ...(latest ? { latestEvent: latest.location ? `${latest.description}, ${latest.location}` : latest.description } : {}),
        ...(shipment.estimatedDelivery ? { estimatedDelivery: shipment.estimatedDelivery } : {}),
        ...(shipment.trackingUrl ? { trackingUrl: shipment.trackingUrl } : {}),
      },
      notice.language,
    );
    try {
      await deps.mailer.send({ to: notice.email.to, ...email });
      await deps.notices.recordEmail(notice.id, 'sent', clock());
    } catch (error) {
      // Recorded, not retried: a provider's redelivery must not mail the shopper twice.
      const reason = error instanceof Error ? error.message : String(error);
      deps.logger?.warn({ notice: notice.id, err: reason }, 'proactive notice email failed');
      await deps.notices.recordEmail(notice.id, 'failed', clock(), reason.slice(0, 500));
    }
  }

  /** Tells the shopper's chat (once per notice: the outbox keeps one event per id, the chat one message). */
  async function tellChat(notice: ProactiveNotice, change: ReviewedShipment): Promise<void> {
    if (!deps.chat || notice.email.status === 'not_wanted' || notice.chatNotifiedAt) return;
    // The notice's own time, not now: a retry records the same payload.
    await deps.chat.send(deliveryNoticeJobFor(notice, change.order, change.shipment, notice.createdAt));
    await deps.notices.recordChatNotice(notice.id, clock());
  }

  return {
    /**
     * Acts on a shipment as stored now, after a tracking report or an order ingestion (changed or
     * not: retry-safe by the notice's key); a parcel with no news for {@link noticeWindowDays} is skipped.
     */
    async reviewShipment(order: Order, shipment: Shipment): Promise<void> {
      const change: ReviewedShipment = { order, shipment };
      const policy = await deps.policy.current();
      const problems = deliveryProblemsOf(shipment, policy.estimateSlipHours);
      if (problems.length === 0) return;
      if (clock().getTime() - lastActivity(order, shipment).getTime() > noticeWindowDays * 86_400_000) return;
      const customer = await deps.profiles.getCustomer(change.order.customerId);
      const tier: Tier = customer?.tier ?? 'bronze';
      const rule = policy.tiers[tier];
      const language: Language = languageOfLocale(change.order.customerLocale ?? customer?.locale);
      const customerName = change.order.customerName ?? customer?.name;
      for (const kind of problems) {
        const notify = rule.notify.includes(kind);
        const ticket = rule.openTicket.includes(kind);
        const id = noticeId(change.order.number, shipment.id, kind);
        const notified = notify && (deps.chat !== undefined || deps.mailer !== undefined);
        if (!notify && !ticket) {
          await deps.recordDeliveryProblem?.({ problemId: id, customerId: order.customerId, tier, notified: false, at: problemSince(shipment, clock()) });
          continue;
        }
        const { notice } = await deps.notices.createOrGet({
          id,
          kind,
          orderNumber: change.order.number,
          shipmentId: shipment.id,
          trackingNumber: shipment.trackingNumber,
          customerId: change.order.customerId,
          language,
          createdAt: clock(),
          ticketId: ticket ? proactiveTicketId({ id }) : null,
          ticketOpenedAt: null,
          chatNotifiedAt: null,
          email: { status: !notify ? 'not_wanted' : deps.mailer ? 'pending' : 'not_configured', to: change.order.email, at: null, error: null },
        });
        await openTicket(notice, change, customerName);
        await tellChat(notice, change);
        await sendEmail(notice, change, customerName);
        await deps.recordDeliveryProblem?.({
          problemId: id,
          customerId: order.customerId,
          tier,
          notified,
          at: notified ? notice.createdAt : problemSince(shipment, notice.createdAt),
        });
      }
    },
  };
}
