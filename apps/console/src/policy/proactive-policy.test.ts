import { describe, expect, it } from 'vitest';
import type { ProactiveNoticePolicy } from '@loyaldesk/contracts/policies';
import { toggleKind } from './proactive-policy.ts';

const rule = { notify: [], openTicket: [] };
const policy: ProactiveNoticePolicy = {
  estimateSlipHours: 48,
  tiers: { bronze: { notify: ['lost'], openTicket: [] }, silver: rule, gold: rule, platinum: rule },
};

describe('toggleKind', () => {
  it('switches one kind for one tier and action, keeping the kinds in their canonical order', () => {
    const on = toggleKind(toggleKind(policy, 'bronze', 'notify', 'failed_attempt', true), 'bronze', 'notify', 'delayed', true);
    expect(on.tiers.bronze.notify).toEqual(['failed_attempt', 'delayed', 'lost']);
    expect(on.tiers.silver).toBe(rule);
    expect(toggleKind(on, 'bronze', 'notify', 'lost', false).tiers.bronze.notify).toEqual(['failed_attempt', 'delayed']);
    expect(toggleKind(policy, 'bronze', 'notify', 'lost', true)).toEqual(policy);
  });
});
