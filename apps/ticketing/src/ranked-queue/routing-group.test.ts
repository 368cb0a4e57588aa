import { describe, expect, it } from 'vitest';
import { skillSchema } from '@loyaldesk/contracts/agents-api';
import { issueKinds } from '@loyaldesk/contracts/issue-kind';
import { defaultSkillFor, routingGroupSchema, routingGroupsFor } from './routing-group.ts';

describe('routing groups', () => {
  it('puts a ticket in its language and skill', () => {
    expect(routingGroupsFor({ language: 'zh-Hant', skill: 'returns' })).toEqual(['zh-Hant:returns']);
  });

  it('accepts only known languages and well-formed skills', () => {
    expect(routingGroupSchema.safeParse('zh-Hans:shipping').success).toBe(true);
    expect(routingGroupSchema.safeParse('fr:shipping').success).toBe(false);
    expect(routingGroupSchema.safeParse('en:ship ping').success).toBe(false);
    expect(skillSchema.safeParse('Returns').success).toBe(false);
  });

  it('gives every issue kind a valid default skill', () => {
    for (const kind of issueKinds) expect(skillSchema.safeParse(defaultSkillFor(kind)).success).toBe(true);
    expect(defaultSkillFor('order_missing')).toBe('shipping');
  });
});
