import type { CustomerNotice } from './customer-notices-store.ts';

/** A notice older than this is history: the bot no longer brings it up (ticketing's notice window). */
export const awarenessDays = 30;

/**
 * The notice the bot should mention when a verified shopper asks about `orderNumber` (any of their
 * orders when null): the newest recent one for that order. Notices come newest first.
 * @example noticeToMention([lostParcel1038], '1038', now) // lostParcel1038
 */
export function noticeToMention(notices: readonly CustomerNotice[], orderNumber: string | null, now: Date): CustomerNotice | null {
  const recent = notices.filter((notice) => now.getTime() - notice.notifiedAt.getTime() <= awarenessDays * 86_400_000);
  return recent.find((notice) => orderNumber === null || notice.orderNumber === orderNumber) ?? null;
}
