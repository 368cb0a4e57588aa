import { useTranslation } from 'react-i18next';
import { shipmentStatuses } from '@loyaldesk/contracts/shipment-status';
import type { Ticket } from '@loyaldesk/contracts/tickets-api';
import { formatDateTime, formatMoney, initials, topPercent } from '../format/format.ts';
import { TierBadge } from '../queue/badges.tsx';
import type { Customer360, OrderDetail } from './ticket-detail.ts';

// No estimate holds once a parcel arrived, is on its way back, or is gone.
const settledStatuses: ReadonlySet<string> = new Set(['delivered', 'returned', 'lost']);

function ShipmentStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = (shipmentStatuses as readonly string[]).includes(status);
  return <span className={`ship ship-${status}`}>{known ? t(`shipment.${status}`) : status}</span>;
}

function OrderWithTracking({ order, locale }: { order: OrderDetail; locale: string }) {
  const { t } = useTranslation();
  return (
    <div className="sidebar-card this-order">
      <h3>{t('customer.thisOrder')}</h3>
      <p className="order-line">
        <strong>#{order.number}</strong> · {formatDateTime(order.placedAt, locale)}
      </p>
      {order.shipments.map((shipment) => (
        <div key={shipment.id} className="shipment">
          <p>
            <ShipmentStatus status={shipment.status} /> {shipment.carrier} <code>{shipment.trackingNumber}</code>
          </p>
          {shipment.estimatedDelivery && !settledStatuses.has(shipment.status) ? <p className="muted small">{t('customer.eta', { date: formatDateTime(shipment.estimatedDelivery, locale) })}</p> : null}
          <ol className="tracking">
            {[...shipment.events].reverse().slice(0, 4).map((event) => (
              <li key={`${event.at}-${event.status}`}>
                <span className="tracking-at">{formatDateTime(event.at, locale)}</span>
                <span>{event.description}</span>
                {event.location ? <span className="muted small">{event.location}</span> : null}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}

/** Customer 360: who they are to the shop (tier, value, orders with tracking). */
export function CustomerSidebar({ customer, order, ticket, locale }: { customer: Customer360 | null; order: OrderDetail | null; ticket: Ticket; locale: string }) {
  const { t } = useTranslation();
  if (!customer) {
    return (
      <aside className="customer-sidebar" aria-label={t('customer.title')}>
        <div className="sidebar-card">
          <h2>{t('customer.title')}</h2>
          <p className="muted">{ticket.requester?.email ?? t('customer.unknown')}</p>
        </div>
      </aside>
    );
  }
  const top = topPercent(customer.value.percentile);
  const name = customer.name ?? customer.email;
  return (
    <aside className="customer-sidebar" aria-label={t('customer.title')}>
      <div className="sidebar-card customer-card">
        <div className="customer-head">
          <span className="avatar" aria-hidden="true">
            {initials(name)}
          </span>
          <div>
            <h2>{name}</h2>
            <p className="muted small">{customer.email}</p>
          </div>
        </div>
        <div className="customer-tier">
          <TierBadge tier={customer.tier} />
          {customer.tierSince ? <span className="muted small">{t('customer.since', { date: formatDateTime(customer.tierSince, locale) })}</span> : null}
        </div>
        {customer.tierReason ? <p className="muted small tier-reason">{customer.tierReason}</p> : null}
        <dl className="stats-grid">
          <div>
            <dt>{t('customer.ltv')}</dt>
            <dd>{formatMoney(customer.value.historicalLtv, customer.currency, locale)}</dd>
          </div>
          <div>
            <dt>{t('customer.predicted')}</dt>
            <dd>{formatMoney(customer.value.predictedLtv, customer.currency, locale)}</dd>
          </div>
          <div>
            <dt>{t('customer.percentile')}</dt>
            <dd>
              {Math.round(customer.value.percentile * 10) / 10}
              {top !== null ? <span className="muted small"> ({t('queue.topValue', { percent: top })})</span> : null}
            </dd>
          </div>
          <div>
            <dt>{t('customer.orders')}</dt>
            <dd>{customer.stats.orderCount}</dd>
          </div>
          <div>
            <dt>{t('customer.aov')}</dt>
            <dd>{formatMoney(customer.stats.averageOrderValue, customer.currency, locale)}</dd>
          </div>
          <div>
            <dt>{t('customer.last12')}</dt>
            <dd>{formatMoney(customer.stats.windowSpent, customer.currency, locale)}</dd>
          </div>
        </dl>
      </div>
      {order ? <OrderWithTracking order={order} locale={locale} /> : null}
      <div className="sidebar-card">
        <h3>{t('customer.recentOrders')}</h3>
        {customer.recentOrders.length === 0 ? <p className="muted">{t('customer.noOrders')}</p> : null}
        <ul className="order-list">
          {customer.recentOrders.map((recent) => (
            <li key={recent.orderId}>
              <div className="order-line">
                <strong>#{recent.orderId}</strong>
                <span>{formatMoney(recent.total, recent.currency, locale)}</span>
              </div>
              <div className="muted small">
                {formatDateTime(recent.placedAt, locale)} · {t('customer.items', { count: recent.itemCount })} · {recent.status}
              </div>
              {recent.shipments.map((shipment) => (
                <div key={shipment.trackingNumber} className="small shipment-line">
                  <ShipmentStatus status={shipment.status} /> {shipment.carrier} <code>{shipment.trackingNumber}</code>
                </div>
              ))}
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
