import type { Db } from 'mongodb';
import { deliveryProblemKinds } from '@loyaldesk/contracts/delivery-problem';
import { proactiveNoticePolicySchema, type ProactiveNoticePolicy } from '@loyaldesk/contracts/policies';
import { tiers } from '@loyaldesk/contracts/tier';
import type { Logger } from '@loyaldesk/platform/logger';

interface SettingDocument {
  _id: string;
  value: unknown;
  updatedAt: Date;
  updatedBy: string | null;
}

const policyId = 'proactive-notice-policy';

/** Until a manager says otherwise: every tier hears of every problem and gets a ticket; an estimate counts as slipped after 2 days. */
export const defaultProactiveNoticePolicy: ProactiveNoticePolicy = {
  estimateSlipHours: 48,
  tiers: Object.fromEntries(tiers.map((tier) => [tier, { notify: [...deliveryProblemKinds], openTicket: [...deliveryProblemKinds] }])) as ProactiveNoticePolicy['tiers'],
};

export interface StoredProactiveNoticePolicy {
  policy: ProactiveNoticePolicy;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export type ProactivePolicyStore = ReturnType<typeof createProactivePolicyStore>;

/**
 * The proactive notice policy (one `_id` document in `ticketing_settings`), or the default; cached
 * for `cacheMs` so each tracking update does not read it.
 */
export function createProactivePolicyStore(db: Db, options: { cacheMs?: number; logger?: Logger } = {}) {
  const settings = db.collection<SettingDocument>('ticketing_settings');
  const cacheMs = options.cacheMs ?? 2000;
  let cache: { stored: StoredProactiveNoticePolicy; readAt: number } | undefined;

  async function read(): Promise<StoredProactiveNoticePolicy> {
    if (cache && Date.now() - cache.readAt < cacheMs) return cache.stored;
    const document = await settings.findOne({ _id: policyId });
    const parsed = document ? proactiveNoticePolicySchema.safeParse(document.value) : undefined;
    if (parsed && !parsed.success) options.logger?.warn('stored proactive notice policy no longer parses; using the default');
    const stored: StoredProactiveNoticePolicy = parsed?.success
      ? { policy: parsed.data, updatedAt: document?.updatedAt ?? null, updatedBy: document?.updatedBy ?? null }
      : { policy: defaultProactiveNoticePolicy, updatedAt: null, updatedBy: null };
    cache = { stored, readAt: Date.now() };
    return stored;
  }

  return {
    read,
    async current(): Promise<ProactiveNoticePolicy> {
      return (await read()).policy;
    },
    async save(policy: ProactiveNoticePolicy, by: string, at: Date): Promise<StoredProactiveNoticePolicy> {
      await settings.updateOne({ _id: policyId }, { $set: { value: policy, updatedAt: at, updatedBy: by } }, { upsert: true });
      const stored = { policy, updatedAt: at, updatedBy: by };
      cache = { stored, readAt: Date.now() };
      return stored;
    },
  };
}
