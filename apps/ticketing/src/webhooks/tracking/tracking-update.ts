import type { TrackingReport } from '@loyaldesk/customer-profile/schemas';

/** What one provider delivery says about one parcel, mapped to our shapes. */
export interface TrackingUpdate {
  provider: 'aftership' | 'easypost';
  /** The provider's id of this delivery (the same on its retries), when it gives one. */
  deliveryId?: string;
  trackingNumber: string;
  report: TrackingReport;
}
