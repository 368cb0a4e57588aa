import type { TrackingEvent } from '@loyaldesk/customer-profile/schemas';
import type { AfterShipCheckpoint, AfterShipWebhook } from './aftership-payloads.ts';
import { httpUrlOrUndefined, placeOf, providerEventId } from './provider-time.ts';
import { afterShipStatus } from './tracking-status.ts';
import type { TrackingUpdate } from './tracking-update.ts';

function eventOf(checkpoint: AfterShipCheckpoint): TrackingEvent {
  const location = checkpoint.location || placeOf([checkpoint.city, checkpoint.state, checkpoint.country_iso3]);
  const carrierStatus = checkpoint.subtag || checkpoint.tag;
  return {
    // Checkpoints have no id: AfterShip re-sends the whole list with every update.
    id: providerEventId('aftership', [checkpoint.checkpoint_time.toISOString(), carrierStatus, checkpoint.message, location]),
    at: checkpoint.checkpoint_time,
    status: afterShipStatus(checkpoint.tag, checkpoint.subtag),
    carrierStatus: carrierStatus.slice(0, 60),
    ...(location ? { location: location.slice(0, 200) } : {}),
    description: (checkpoint.message || checkpoint.subtag_message || checkpoint.tag).slice(0, 500),
  };
}

/** An AfterShip tracking webhook as our tracking update: status from tag/subtag, checkpoints as events, the newest estimate. */
export function trackingUpdateFromAfterShip(webhook: AfterShipWebhook): TrackingUpdate {
  const tracking = webhook.msg;
  const estimate =
    tracking.courier_estimated_delivery_date?.estimated_delivery_date ??
    tracking.aftership_estimated_delivery_date?.estimated_delivery_date ??
    tracking.expected_delivery ??
    undefined;
  const trackingUrl = httpUrlOrUndefined(tracking.courier_tracking_link);
  return {
    provider: 'aftership',
    ...(webhook.event_id ? { deliveryId: webhook.event_id } : {}),
    trackingNumber: tracking.tracking_number,
    report: {
      reportedAt: tracking.updated_at ?? new Date(webhook.ts * 1000),
      status: afterShipStatus(tracking.tag, tracking.subtag),
      carrierStatus: (tracking.subtag || tracking.tag).slice(0, 60),
      ...(estimate ? { estimatedDelivery: estimate } : {}),
      events: tracking.checkpoints.map(eventOf),
      ...(trackingUrl ? { trackingUrl } : {}),
    },
  };
}
