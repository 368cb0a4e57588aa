import { z } from 'zod';
import { providerText, providerTimeSchema } from './provider-time.ts';

// The parts of EasyPost's webhook Event whose `result` is a Tracker (`tracker.created`,
// `tracker.updated`) that loyaldesk maps. Unknown keys are dropped.

export const easyPostTrackingDetailSchema = z.object({
  message: providerText(500).nullish(),
  description: providerText(500).nullish(),
  status: providerText(40),
  status_detail: providerText(60).nullish(),
  datetime: providerTimeSchema,
  tracking_location: z
    .object({
      city: providerText(120).nullish(),
      state: providerText(120).nullish(),
      country: providerText(60).nullish(),
      zip: providerText(20).nullish(),
    })
    .nullish(),
});
export type EasyPostTrackingDetail = z.infer<typeof easyPostTrackingDetailSchema>;

export const easyPostTrackerSchema = z.object({
  id: providerText(100),
  object: z.literal('Tracker'),
  tracking_code: z.string().trim().min(1, 'is required').max(60),
  status: providerText(40),
  status_detail: providerText(60).nullish(),
  carrier: providerText(60).nullish(),
  est_delivery_date: providerTimeSchema.nullish(),
  updated_at: providerTimeSchema.nullish(),
  tracking_details: z.array(easyPostTrackingDetailSchema).max(500).default([]),
  /** EasyPost's public tracking page. */
  public_url: z.string().max(4000).nullish(),
});
export type EasyPostTracker = z.infer<typeof easyPostTrackerSchema>;

export const easyPostEventSchema = z.object({
  /** "evt_…": one id per event, the same on every retry. */
  id: providerText(100),
  object: z.literal('Event'),
  /** "tracker.updated", "tracker.created", "batch.updated", … */
  description: providerText(60),
  created_at: providerTimeSchema.nullish(),
  updated_at: providerTimeSchema.nullish(),
  /** Checked against the Tracker shape only for tracker events (see the route). */
  result: z.unknown(),
});
export type EasyPostEvent = z.infer<typeof easyPostEventSchema>;
