import type { TrackingEvent } from '@loyaldesk/customer-profile/schemas';
import type { EasyPostEvent, EasyPostTracker, EasyPostTrackingDetail } from './easypost-payloads.ts';
import { httpUrlOrUndefined, placeOf, providerEventId } from './provider-time.ts';
import { easyPostStatus } from './tracking-status.ts';
import type { TrackingUpdate } from './tracking-update.ts';

function carrierStatusOf(status: string, detail: string | null | undefined): string {
  return (detail ? `${status}/${detail}` : status).slice(0, 60);
}

function eventOf(detail: EasyPostTrackingDetail): TrackingEvent {
  const place = detail.tracking_location;
  const location = placeOf([place?.city, place?.state, place?.country]);
  const carrierStatus = carrierStatusOf(detail.status, detail.status_detail);
  return {
    // Tracking details have no id: EasyPost re-sends the whole list with every update.
    id: providerEventId('easypost', [detail.datetime.toISOString(), carrierStatus, detail.message, location]),
    at: detail.datetime,
    status: easyPostStatus(detail.status, detail.status_detail),
    carrierStatus,
    ...(location ? { location } : {}),
    description: (detail.message || detail.description || detail.status_detail || detail.status).slice(0, 500),
  };
}

/** An EasyPost tracker event as our tracking update: status from status/status_detail, tracking details as events. */
export function trackingUpdateFromEasyPost(event: EasyPostEvent, tracker: EasyPostTracker, receivedAt: Date): TrackingUpdate {
  const trackingUrl = httpUrlOrUndefined(tracker.public_url);
  return {
    provider: 'easypost',
    deliveryId: event.id,
    trackingNumber: tracker.tracking_code,
    report: {
      reportedAt: tracker.updated_at ?? event.updated_at ?? event.created_at ?? receivedAt,
      status: easyPostStatus(tracker.status, tracker.status_detail),
      carrierStatus: carrierStatusOf(tracker.status, tracker.status_detail),
      ...(tracker.est_delivery_date ? { estimatedDelivery: tracker.est_delivery_date } : {}),
      events: tracker.tracking_details.map(eventOf),
      ...(trackingUrl ? { trackingUrl } : {}),
    },
  };
}
