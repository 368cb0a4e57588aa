import type { Connection } from 'mongoose';
import { slaPolicySchema, type SlaPolicy } from '@loyaldesk/contracts/policies';
import type { Logger } from '@loyaldesk/platform/logger';
import { defaultSlaPolicy } from './sla-policy.ts';

interface SettingDocument {
  _id: string;
  value: unknown;
  updatedAt: Date;
  updatedBy: string | null;
}

const slaPolicyId = 'sla-policy';

/** The stored SLA policy with who changed it last. */
export interface StoredSlaPolicy {
  policy: SlaPolicy;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** Reads and writes the SLA policy (one `_id` document in `ticketing_settings`). */
export type SlaPolicyStore = ReturnType<typeof createSlaPolicyStore>;

/**
 * The SLA policy as managers last saved it, or the default; cached for `cacheMs` so ranking does
 * not read it for every ticket (a change reaches other instances within that time).
 * @example const store = createSlaPolicyStore(connection); const policy = await store.current();
 */
export function createSlaPolicyStore(connection: Connection, options: { cacheMs?: number; logger?: Logger } = {}) {
  const db = connection.db;
  if (!db) throw new Error('ticketing: the database connection is not open');
  const settings = db.collection<SettingDocument>('ticketing_settings');
  const cacheMs = options.cacheMs ?? 2000;
  let cache: { stored: StoredSlaPolicy; readAt: number } | undefined;

  async function read(): Promise<StoredSlaPolicy> {
    const now = Date.now();
    if (cache && now - cache.readAt < cacheMs) return cache.stored;
    const document = await settings.findOne({ _id: slaPolicyId });
    const parsed = document ? slaPolicySchema.safeParse(document.value) : undefined;
    if (parsed && !parsed.success) options.logger?.warn('stored SLA policy no longer parses; using the default');
    const stored: StoredSlaPolicy = parsed?.success
      ? { policy: parsed.data, updatedAt: document?.updatedAt ?? null, updatedBy: document?.updatedBy ?? null }
      : { policy: defaultSlaPolicy, updatedAt: null, updatedBy: null };
    cache = { stored, readAt: now };
    return stored;
  }

  return {
    read,
    /** The policy in force. */
    async current(): Promise<SlaPolicy> {
      return (await read()).policy;
    },
    /** Saves a parsed policy. */
    async save(policy: SlaPolicy, by: string, at: Date): Promise<StoredSlaPolicy> {
      await settings.updateOne({ _id: slaPolicyId }, { $set: { value: policy, updatedAt: at, updatedBy: by } }, { upsert: true });
      const stored = { policy, updatedAt: at, updatedBy: by };
      cache = { stored, readAt: Date.now() };
      return stored;
    },
  };
}
