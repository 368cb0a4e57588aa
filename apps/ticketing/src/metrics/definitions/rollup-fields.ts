/**
 * What one rollup section counts. Every field is a whole number (sums are whole seconds or whole
 * survey points), so adding contributions in any order gives the same result exactly.
 */
export const rollupCounters = [
  /** Tickets created that day. */
  'ticketsCreated',
  /** Tickets created that day that are open now (open, assigned or pending): the backlog by age. */
  'openTickets',
  /** Tickets whose current assignment was made that day. */
  'ticketsAssigned',
  /** Tickets first answered (first public agent reply) that day, and their first response times. */
  'firstResponses',
  'firstResponseTimeTotal',
  /** Tickets resolved that day (latest resolution), and their resolution times. */
  'ticketsResolved',
  'resolutionTimeTotal',
  /** Of those, tickets that had been reopened at least once. */
  'reopenedResolved',
  /** Per target, counted on the day of its deadline. */
  'firstResponseSlaMet',
  'firstResponseSlaBreached',
  'resolutionSlaMet',
  'resolutionSlaBreached',
  /** Whole tickets: met on the resolution day, breached on the day of the first missed deadline. */
  'slaMet',
  'slaBreached',
  /** Survey answers of tickets resolved that day. */
  'csatResponses',
  'csatPositive',
  'csatTotal',
  'cesResponses',
  'cesTotal',
  'npsResponses',
  'npsPromoters',
  'npsDetractors',
  /** Resolved tickets of known customers by SLA outcome, and those followed by a purchase within 90 days. */
  'followUpSlaMet',
  'followUpSlaBreached',
  'repurchasedSlaMet',
  'repurchasedSlaBreached',
  /** Chat conversations closed that day, and those handed to a human (`*` scope only: chats have no tier). */
  'conversationsClosed',
  'conversationsHandedOff',
  /** Survey answers of chats the bot closed without a human, on their closing day (`*` scope only). */
  'botCsatResponses',
  'botCsatPositive',
  'botCsatTotal',
  'botCesResponses',
  'botCesTotal',
  /** Proactive tickets (a parcel in trouble, opened before the shopper asked), on their creation day. */
  'proactiveTicketsCreated',
  /**
   * Delivery problems (a shipment delayed, lost…) of known customers, on the day the shopper was
   * notified or, when the shop's policy notified nobody, the day of the problem; and those followed
   * by the customer's purchase within 90 days (see delivery-problem-follow-up.ts).
   */
  'deliveryNoticesSent',
  'deliveryProblemsNotNotified',
  'repurchasedAfterNotice',
  'repurchasedWithoutNotice',
] as const;
export type RollupCounter = (typeof rollupCounters)[number];

/** Latency histograms (see latency-histogram.ts), stored sparse as `{ b<bucket>: count }`. */
export const rollupHistograms = ['firstResponseTime', 'resolutionTime'] as const;
export type RollupHistogram = (typeof rollupHistograms)[number];

/** The stored key of a histogram bucket: "b12". */
export function bucketKey(bucket: number): string {
  return `b${bucket}`;
}
