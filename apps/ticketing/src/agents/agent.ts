import { z } from 'zod';
import { languageSchema } from '@loyaldesk/contracts/language';
import { skillSchema } from '../queue/routing-group.ts';

/** agent < manager < admin: each role can do everything the ones before it can. */
export const agentRoles = ['agent', 'manager', 'admin'] as const;
export const agentRoleSchema = z.enum(agentRoles);
export type AgentRole = z.infer<typeof agentRoleSchema>;

/** True when `role` is `minimum` or above it. */
export function hasRole(role: AgentRole, minimum: AgentRole): boolean {
  return agentRoles.indexOf(role) >= agentRoles.indexOf(minimum);
}

// Ids end up in Redis members and room names: no ':' or spaces.
export const agentIdPattern = /^[A-Za-z0-9_-]{1,160}$/;

/** A person who works tickets, as the desk shows them (never with the password hash). */
export const agentSchema = z.object({
  id: z.string().regex(agentIdPattern, 'must be 1–160 letters, digits, _ or -'),
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120),
  role: agentRoleSchema,
  /** The languages they answer in; with `skills` this gives their routing groups. */
  languages: z.array(languageSchema).min(1).max(10),
  skills: z.array(skillSchema).min(1).max(32),
  active: z.boolean(),
  createdAt: z.date(),
});
export type Agent = z.infer<typeof agentSchema>;

/** The session's view of who is signed in. */
export type SignedInAgent = Pick<Agent, 'id' | 'email' | 'name' | 'role' | 'languages' | 'skills'>;
