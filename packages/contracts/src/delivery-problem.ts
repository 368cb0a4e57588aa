import { z } from 'zod';

/**
 * What can go wrong with a parcel, as proactive notices name it: a carrier status that means trouble,
 * or a delivery estimate that slipped past the shop's threshold. Stable lower-case values.
 */
export const deliveryProblemKinds = ['failed_attempt', 'delayed', 'exception', 'returned', 'lost', 'estimate_slipped'] as const;
export const deliveryProblemKindSchema = z.enum(deliveryProblemKinds);
export type DeliveryProblemKind = z.infer<typeof deliveryProblemKindSchema>;
