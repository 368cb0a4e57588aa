import type { RollupCounter } from './rollup-fields.ts';

// What a survey answer counts as, written once for tickets' and bot-only chats' surveys alike.

/**
 * 1 when a CSAT rating (1–5) is positive, 4 or 5, else 0: the CSAT score is the positive share of
 * ratings (tickets' `csatPositive`, bot-only chats' `botCsatPositive`).
 * @example csatPositive(4) // 1
 */
export function csatPositive(csat: number): 0 | 1 {
  return csat >= 4 ? 1 : 0;
}

/**
 * One NPS answer (0–10) in the shop's NPS counters: 9–10 promoter, 0–6 detractor. A ticket's
 * survey and a bot-only chat's both count here (NPS rates the shop, not who helped).
 * @example npsCounters(9) // { npsResponses: 1, npsPromoters: 1, npsDetractors: 0 }
 */
export function npsCounters(nps: number): Partial<Record<RollupCounter, number>> {
  return { npsResponses: 1, npsPromoters: nps >= 9 ? 1 : 0, npsDetractors: nps <= 6 ? 1 : 0 };
}
