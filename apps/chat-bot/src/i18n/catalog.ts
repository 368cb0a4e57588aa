import type { HandoffReason } from '@loyaldesk/contracts/handoff';
import type { SurveyQuestion } from '@loyaldesk/contracts/chat-jobs';
import type { OrderStatus, ShipmentStatus } from '@loyaldesk/customer-profile/schemas';

/** An order as an answer shows it, every value already formatted for the answer's language. */
export interface OrderView {
  number: string;
  status: OrderStatus;
  placedOn: string;
  items: Array<{ name: string; quantity: number }>;
  /** Line items not listed (long orders list the first few). */
  moreItems: number;
  total: string;
  shipments: ShipmentView[];
}

export interface ShipmentView {
  carrier: string;
  trackingNumber: string;
  status: ShipmentStatus;
  /** Estimated delivery day, while not delivered. */
  eta: string | null;
  deliveredOn: string | null;
  /** Newest first. */
  events: Array<{ when: string; location: string | null; description: string }>;
}

export interface RecentOrderView {
  number: string;
  status: OrderStatus;
  placedOn: string;
  total: string;
}

export interface ShippingRateView {
  option: string;
  /** Formatted cost; null when shipping is free for everything. */
  cost: string | null;
  freeOver: string | null;
  days: { min: number; max: number };
}

export interface ZoneQuoteView {
  zone: string;
  rates: ShippingRateView[];
}

export interface DeliveryEstimateView {
  option: string;
  earliest: string;
  latest: string;
}

export interface DeliveryEstimatesView {
  zone: string;
  /** True when no destination was named and the shop's first zone was assumed. */
  assumedZone: boolean;
  shipsToday: boolean;
  shipsOn: string;
  /** The daily cut-off in the shop's time zone, formatted. */
  cutOff: string;
  estimates: DeliveryEstimateView[];
}

export interface ReturnsView {
  windowDays: number;
  freeReturns: boolean;
  conditions: string | null;
}

/** Every text the bot says, per language. Typed, so a missing translation does not compile. */
export interface Catalog {
  greeting(options: { verified: boolean }): string;
  menu(): string;
  askOrderNumber(): string;
  askEmail(orderNumber: string): string;
  emailStillNeeded(orderNumber: string): string;
  verified(): string;
  /** A missing or damaged parcel of a named order: sorry, and the order's email before a person takes over. */
  parcelAskEmail(orderNumber: string, problem: 'order_missing' | 'order_damaged'): string;
  /** That answer had no email, or did not match: one more try. */
  parcelAskEmailAgain(orderNumber: string): string;
  /** Leads the order's details shown before a parcel problem is handed off. */
  parcelTrackingLead(): string;
  /** Handing a parcel problem off without a verified shopper (refused, or the checks failed). */
  parcelNotVerified(): string;
  verificationFailed(): string;
  verificationLimited(seconds: number): string;
  /** The order's check is locked after repeated failures (from any chat): minutes left. */
  verificationLocked(orderNumber: string, minutes: number): string;
  order(view: OrderView): string;
  recentOrders(views: RecentOrderView[]): string;
  noRecentOrders(): string;
  recentOrdersNeedVerification(): string;
  shippingToZone(view: ZoneQuoteView): string;
  shippingOverview(views: ZoneQuoteView[]): string;
  noShippingTo(country: string): string;
  deliveryEstimate(view: DeliveryEstimatesView): string;
  returns(view: ReturnsView): string;
  fallback(): string;
  offerHuman(): string;
  handoffDeclined(): string;
  handoffStarted(reason: HandoffReason): string;
  alreadyWaiting(position: number | null): string;
  problemDelayed(): string;
  problemWrongItem(): string;
  problemOther(): string;
  thanks(): string;
  closing(): string;
  ticketResolved(): string;
  surveyQuestion(question: SurveyQuestion): string;
  surveyInvalid(question: SurveyQuestion): string;
  surveyThanks(): string;
  orderStatus: Record<OrderStatus, string>;
  shipmentStatus: Record<ShipmentStatus, string>;
  labels: {
    trackOrder: string;
    recentOrders: string;
    shippingCost: string;
    deliveryTime: string;
    returns: string;
    talkToPerson: string;
    yesConnect: string;
    noRephrase: string;
    somethingElse: string;
    thatsAll: string;
    skip: string;
    orderNumber: (orderNumber: string) => string;
  };
}

/** The survey scales: lowest and highest answer per question. */
export const surveyScales: Record<SurveyQuestion, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
  nps: { min: 0, max: 10 },
};
