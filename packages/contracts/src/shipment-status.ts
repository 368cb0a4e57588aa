import { z } from 'zod';

/**
 * Where a parcel is, in our words (a carrier's or tracking provider's own word is kept beside it as
 * `carrierStatus`). `failed_attempt`, `exception` and `returned` come from carrier tracking.
 */
export const shipmentStatuses = [
  'label_created',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'failed_attempt',
  'delayed',
  'exception',
  'returned',
  'lost',
] as const;
export const shipmentStatusSchema = z.enum(shipmentStatuses);
export type ShipmentStatus = z.infer<typeof shipmentStatusSchema>;
