import { z } from 'zod';

/** The intents the bot understands; `none` is everything else (the bot asks to rephrase). */
export const intents = [
  'order.status',
  'order.tracking',
  'order.problem',
  'shipping.cost',
  'shipping.time',
  'returns.policy',
  'agent.handoff',
  'greeting',
  'thanks',
  'none',
] as const;

export const intentSchema = z.enum(intents);
export type Intent = z.infer<typeof intentSchema>;
