import { z } from 'zod';
import { providerText, providerTimeSchema } from './provider-time.ts';

// The parts of AfterShip's tracking webhook (`tracking_update`, `edd_revise`, …; Tracking API
// 2024+) that loyaldesk maps. Unknown keys are dropped; nullable where AfterShip sends null.

export const afterShipCheckpointSchema = z.object({
  checkpoint_time: providerTimeSchema,
  tag: providerText(40),
  subtag: providerText(40).nullish(),
  subtag_message: providerText(200).nullish(),
  message: providerText(500).nullish(),
  location: providerText(200).nullish(),
  city: providerText(120).nullish(),
  state: providerText(120).nullish(),
  country_iso3: providerText(3).nullish(),
});
export type AfterShipCheckpoint = z.infer<typeof afterShipCheckpointSchema>;

const estimateSchema = z.object({ estimated_delivery_date: providerTimeSchema.nullish() });

export const afterShipTrackingSchema = z.object({
  id: providerText(100).nullish(),
  tracking_number: z.string().trim().min(1, 'is required').max(60),
  /** The courier's AfterShip slug, e.g. "ups". */
  slug: providerText(60).nullish(),
  tag: providerText(40),
  subtag: providerText(40).nullish(),
  subtag_message: providerText(200).nullish(),
  updated_at: providerTimeSchema.nullish(),
  /** Older API versions: the courier's expected delivery date. */
  expected_delivery: providerTimeSchema.nullish(),
  courier_estimated_delivery_date: estimateSchema.nullish(),
  aftership_estimated_delivery_date: estimateSchema.nullish(),
  checkpoints: z.array(afterShipCheckpointSchema).max(500).default([]),
  /** The courier's tracking page. */
  courier_tracking_link: z.string().max(4000).nullish(),
});
export type AfterShipTracking = z.infer<typeof afterShipTrackingSchema>;

export const afterShipWebhookSchema = z.object({
  /** "tracking_update", "edd_revise", "tracking_pending_time", … */
  event: providerText(60),
  /** One id per event, the same on every retry. */
  event_id: providerText(100).nullish(),
  /** When the event occurred, UTC Unix seconds. */
  ts: z.number().int().positive(),
  msg: afterShipTrackingSchema,
});
export type AfterShipWebhook = z.infer<typeof afterShipWebhookSchema>;
