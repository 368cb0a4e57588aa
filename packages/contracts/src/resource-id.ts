import { z } from 'zod';

// Ids end up in Redis members ("<ticket>:<agent>"), key and room names, so no ':' or spaces.

/** The id of a ticket, an agent, a customer or a message: 1–160 letters, digits, `_` or `-`. */
export const resourceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,160}$/, 'must be 1–160 letters, digits, _ or -');
