import { z } from 'zod';
import { skillSchema, type Skill } from '@loyaldesk/contracts/agents-api';
import type { IssueKind } from '@loyaldesk/contracts/issue-kind';
import { languageSchema, languages, type Language } from '@loyaldesk/contracts/language';

const groupPattern = new RegExp(`^(${languages.join('|')}):[a-z][a-z0-9_-]{0,31}$`);

/** A routing group, "<language>:<skill>" (e.g. "zh-Hant:returns"): one sorted set in the queue. */
export const routingGroupSchema = z
  .string()
  .regex(groupPattern, `must be "<language>:<skill>" with a language among ${languages.join(', ')}`);
export type RoutingGroup = z.infer<typeof routingGroupSchema>;

/** The language and skill a routing group stands for ("zh-Hant:returns" → zh-Hant, returns). */
export function languageAndSkillOf(group: RoutingGroup): { language: Language; skill: Skill } {
  const separator = group.indexOf(':');
  // The group's own pattern admits only these languages and skill names, so the parses cannot fail.
  return {
    language: languageSchema.parse(group.slice(0, separator)),
    skill: skillSchema.parse(group.slice(separator + 1)),
  };
}

/** The routing group of a language and skill. */
export function routingGroupOf(language: Language, skill: Skill): RoutingGroup {
  return `${language}:${skill}`;
}

/**
 * The groups a ticket waits in. One today (its language and skill); the queue keeps tickets in
 * any number, so a fallback group (e.g. any skill in the language) is a change here only.
 */
export function routingGroupsFor(ticket: { language: Language; skill: Skill }): RoutingGroup[] {
  return [routingGroupOf(ticket.language, ticket.skill)];
}

const skillByIssueKind: Record<IssueKind, Skill> = {
  order_missing: 'shipping',
  order_delayed: 'shipping',
  shipping_question: 'shipping',
  order_damaged: 'returns',
  wrong_item: 'returns',
  return: 'returns',
  refund: 'returns',
  payment: 'billing',
  product_question: 'general',
  account: 'general',
  general: 'general',
};

/** The skill a ticket needs when nobody said otherwise (a handoff only knows the issue kind). */
export function defaultSkillFor(issueKind: IssueKind): Skill {
  return skillByIssueKind[issueKind];
}
