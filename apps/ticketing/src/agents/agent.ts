import { z } from 'zod';
import { agentSchemaWith } from '@loyaldesk/contracts/agents-api';

/**
 * An agent account as ticketing keeps it: the API's agent (`@loyaldesk/contracts/agents-api`,
 * where roles, skills and the signed-in agent are too) with `createdAt` as a Date.
 */
export const agentSchema = agentSchemaWith(z.date());
export type Agent = z.infer<typeof agentSchema>;
