import { z } from 'zod';
import { languageSchema } from './language.ts';
import { resourceIdSchema } from './resource-id.ts';
import { timestampSchema, type TimestampSchema } from './timestamp.ts';

// The ticketing API's agents and sign-in (`/api/agents`, `/api/auth`): requests and responses.

/** agent < manager < admin: each role can do everything the ones before it can. */
export const agentRoles = ['agent', 'manager', 'admin'] as const;
export const agentRoleSchema = z.enum(agentRoles);
export type AgentRole = z.infer<typeof agentRoleSchema>;

/** True when `role` is `minimum` or above it. */
export function hasRole(role: AgentRole, minimum: AgentRole): boolean {
  return agentRoles.indexOf(role) >= agentRoles.indexOf(minimum);
}

export const agentIdSchema = resourceIdSchema;

/** A skill agents are routed by, e.g. "shipping" or "returns"; shops may add their own. */
export const skillSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'must be 1–32 lower-case letters, digits, _ or -, starting with a letter');
export type Skill = z.infer<typeof skillSchema>;

/** Passwords are at most this long (hashing a longer one is work an attacker could ask for). */
export const maxPasswordLength = 256;

/**
 * A person who works tickets, as the desk shows them (never with the password hash), with its
 * timestamp as `timestamp` gives it (see {@link TimestampSchema}).
 */
export function agentSchemaWith<T extends TimestampSchema>(timestamp: T) {
  return z.object({
    id: agentIdSchema,
    email: z.email().max(254),
    name: z.string().trim().min(1).max(120),
    role: agentRoleSchema,
    /** The languages they answer in; with `skills` this gives their routing groups. */
    languages: z.array(languageSchema).min(1).max(10),
    skills: z.array(skillSchema).min(1).max(32),
    active: z.boolean(),
    createdAt: timestamp,
  });
}

/** An agent account as the API sends it. */
export const agentSchema = agentSchemaWith(timestampSchema);
export type Agent = z.infer<typeof agentSchema>;

/** Who is signed in: `GET /api/auth/me`, `POST /api/auth/login`. */
export const signedInAgentSchema = agentSchema.pick({
  id: true,
  email: true,
  name: true,
  role: true,
  languages: true,
  skills: true,
});
export type SignedInAgent = z.infer<typeof signedInAgentSchema>;
export const signedInResponseSchema = z.object({ agent: signedInAgentSchema });

/** `POST /api/auth/login`. */
export const loginInputSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(maxPasswordLength, `must be at most ${maxPasswordLength} characters`),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

/** `POST /api/agents` (admins). */
export const createAgentInputSchema = agentSchema
  .pick({ email: true, name: true, role: true, languages: true, skills: true })
  .extend({
    id: agentIdSchema.optional(),
    password: z
      .string()
      .min(12, 'must be at least 12 characters')
      .max(maxPasswordLength, `must be at most ${maxPasswordLength} characters`),
  });

/** `PATCH /api/agents/:agentId` (admins): at least one field. */
export const updateAgentInputSchema = agentSchema
  .pick({ name: true, role: true, active: true, languages: true, skills: true })
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, {
    message: 'must change at least one of name, role, active, languages, skills',
  });

export const agentPathSchema = z.object({ agentId: agentIdSchema });
export const agentResponseSchema = z.object({ agent: agentSchema });
/** `GET /api/agents` (managers). */
export const agentListResponseSchema = z.object({ agents: z.array(agentSchema) });
