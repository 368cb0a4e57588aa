import { z } from 'zod';

/**
 * What a shopper needs help with, as the bot classifies it at handoff and agents correct it.
 * Stable lower-case values: they are stored on tickets and keyed in the SLA policy.
 */
export const issueKinds = [
  'order_missing',
  'order_damaged',
  'wrong_item',
  'order_delayed',
  'payment',
  'refund',
  'return',
  'shipping_question',
  'product_question',
  'account',
  'general',
] as const;
export const issueKindSchema = z.enum(issueKinds);
export type IssueKind = z.infer<typeof issueKindSchema>;
