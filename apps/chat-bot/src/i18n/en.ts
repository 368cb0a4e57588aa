import type { Catalog } from './catalog.ts';

const list = (items: string[]): string => items.join('\n');
const days = (range: { min: number; max: number }): string =>
  range.min === range.max
    ? `${range.min} business day${range.min === 1 ? '' : 's'}`
    : `${range.min}–${range.max} business days`;

/** English texts. */
export const en: Catalog = {
  greeting: ({ verified }) =>
    verified
      ? "Hi! You're signed in, so I can look up your orders right away. What can I help with?"
      : "Hi! I'm the shop's assistant. I can check an order, shipping costs and delivery times, or get you a person.",
  menu: () => 'Sure, what can I help with?',
  askOrderNumber: () => "Happy to check! What's your order number? It's in your confirmation email, e.g. #1042.",
  askEmail: (orderNumber) =>
    `To keep your order private, please tell me the email address you used for order #${orderNumber}.`,
  emailStillNeeded: (orderNumber) =>
    `I still need the email address used for order #${orderNumber} to show its details.`,
  verified: () => 'Thanks, that matches.',
  parcelAskEmail: (orderNumber, problem) =>
    `${problem === 'order_damaged' ? "I'm sorry it arrived damaged." : "I'm sorry it hasn't reached you."} So a person can look into order #${orderNumber} with its details, please tell me the email address you used for it.`,
  parcelAskEmailAgain: (orderNumber) =>
    `I couldn't confirm that. Please give the email address used for order #${orderNumber}, or say if you'd rather not.`,
  parcelTrackingLead: () => "Here's what the tracking shows:",
  parcelNotVerified: () =>
    "No problem. I'll pass this to a person without confirming the order here; they may ask you a few questions.",
  verificationFailed: () =>
    "Sorry, I couldn't match that order number and email address. Please check both and try again.",
  verificationLimited: (seconds) =>
    `Too many attempts. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again, or talk to a person.`,
  verificationLocked: (orderNumber, minutes) =>
    `For your security, checks for order #${orderNumber} are paused for ${minutes} minute${minutes === 1 ? '' : 's'} after too many attempts. A person can help you now.`,
  order: (view) => {
    const lines = [
      `Order #${view.number}: ${en.orderStatus[view.status]} (placed ${view.placedOn}, total ${view.total}).`,
    ];
    const items = view.items.map((item) => `${item.quantity} × ${item.name}`).join(', ');
    lines.push(`Items: ${items}${view.moreItems > 0 ? ` and ${view.moreItems} more` : ''}.`);
    if (view.shipments.length === 0)
      lines.push("It hasn't shipped yet. You'll get tracking by email as soon as it does.");
    view.shipments.forEach((shipment, index) => {
      const label = view.shipments.length > 1 ? `Parcel ${index + 1}` : 'Parcel';
      const when = shipment.deliveredOn
        ? `delivered ${shipment.deliveredOn}`
        : shipment.eta
          ? `estimated delivery ${shipment.eta}`
          : 'no delivery estimate yet';
      lines.push(
        `${label}: ${shipment.carrier} ${shipment.trackingNumber}, ${en.shipmentStatus[shipment.status]}, ${when}.`,
      );
      for (const event of shipment.events) {
        lines.push(`  • ${event.when}${event.location ? `, ${event.location}` : ''}: ${event.description}`);
      }
    });
    return list(lines);
  },
  recentOrders: (views) =>
    list([
      'Your recent orders:',
      ...views.map((v) => `• #${v.number}: ${en.orderStatus[v.status]}, ${v.total} (${v.placedOn})`),
    ]),
  noRecentOrders: () => "I don't see any orders on your account yet.",
  recentOrdersNeedVerification: () =>
    'To show your orders, tell me one order number and the email address you used for it.',
  shippingToZone: (view) =>
    list([
      `Shipping to ${view.zone}:`,
      ...view.rates.map(
        (rate) =>
          `• ${rate.option}: ${rate.cost ?? 'free'}${rate.freeOver ? ` (free on orders over ${rate.freeOver})` : ''}, ${days(rate.days)}`,
      ),
    ]),
  shippingOverview: (views) =>
    list([
      'Shipping costs:',
      ...views.map((view) => {
        const rate = view.rates[0];
        if (!rate) return `• ${view.zone}`;
        return `• ${view.zone}: ${rate.option} ${rate.cost ?? 'free'}${rate.freeOver ? `, free over ${rate.freeOver}` : ''}`;
      }),
      'Tell me where it goes for every option there.',
    ]),
  noShippingTo: (country) => `Sorry, we don't ship to ${country} at the moment.`,
  deliveryEstimate: (view) =>
    list([
      view.shipsToday
        ? `Order now (before ${view.cutOff} shop time) and it ships today.`
        : `Order now and it ships ${view.shipsOn} (orders after ${view.cutOff} shop time or on a day off ship the next business day).`,
      ...view.estimates.map((estimate) =>
        estimate.earliest === estimate.latest
          ? `• ${estimate.option} to ${view.zone}: arrives ${estimate.earliest}`
          : `• ${estimate.option} to ${view.zone}: arrives ${estimate.earliest} – ${estimate.latest}`,
      ),
      ...(view.assumedZone ? ['Tell me the destination country for its delivery times.'] : []),
    ]),
  returns: (view) =>
    list([
      `You can return items within ${view.windowDays} days of delivery${view.freeReturns ? ', free of charge' : ''}.`,
      ...(view.conditions ? [view.conditions] : []),
    ]),
  fallback: () =>
    "Sorry, I didn't get that. Could you say it another way? I can help with orders, tracking, shipping and returns.",
  offerHuman: () => "I'm still not getting it, sorry. Would you like to talk to a person?",
  handoffDeclined: () => "OK! Ask me in other words and I'll try again.",
  handoffStarted: (reason) =>
    reason === 'sensitive_issue'
      ? "I'm sorry about that. I'm passing this to a person who can sort it out. Please stay here; they'll reply in this chat."
      : "I'm connecting you with a person. Please stay here; they'll reply in this chat.",
  alreadyWaiting: (position) =>
    position === null
      ? "You're already in line for a person; they'll reply here."
      : `You're already in line for a person (number ${position}); they'll reply here.`,
  problemDelayed: () => "Sorry it's taking longer than expected. I can check the latest tracking, or get you a person.",
  problemWrongItem: () => 'Sorry you got the wrong item! A person can sort out an exchange for you.',
  problemOther: () => 'Sorry to hear that! A person can look into it for you. Shall I connect you?',
  thanks: () => "You're welcome! Anything else I can help with?",
  closing: () => 'Glad I could help!',
  ticketResolved: () => 'Your request has been resolved.',
  surveyQuestion: (question) =>
    ({
      csat: 'How would you rate the help you got? (1 = poor, 5 = great)',
      ces: 'How easy was it to get help today? (1 = very hard, 7 = very easy)',
      nps: 'How likely are you to recommend us to a friend? (0 = not at all, 10 = very likely)',
    })[question],
  surveyInvalid: (question) =>
    ({
      csat: 'Please pick a number from 1 to 5.',
      ces: 'Please pick a number from 1 to 7.',
      nps: 'Please pick a number from 0 to 10.',
    })[question],
  surveyThanks: () => 'Thank you for your feedback! Write again any time.',
  orderStatus: {
    pending: 'awaiting payment',
    paid: 'paid, being prepared',
    processing: 'being prepared',
    partially_shipped: 'partly shipped',
    shipped: 'shipped',
    delivered: 'delivered',
    cancelled: 'cancelled',
    refunded: 'refunded',
  },
  shipmentStatus: {
    label_created: 'label created',
    in_transit: 'in transit',
    out_for_delivery: 'out for delivery',
    delivered: 'delivered',
    failed_attempt: 'delivery attempted, nobody was in',
    delayed: 'delayed',
    exception: 'held up by a carrier problem',
    returned: 'being returned to us',
    lost: 'reported lost',
  },
  labels: {
    trackOrder: 'Track my order',
    recentOrders: 'My recent orders',
    shippingCost: 'Shipping costs',
    deliveryTime: 'Delivery times',
    returns: 'Returns',
    talkToPerson: 'Talk to a person',
    yesConnect: 'Yes, connect me',
    noRephrase: "No, I'll rephrase",
    somethingElse: 'Something else',
    thatsAll: "No, that's all",
    skip: 'Skip',
    orderNumber: (orderNumber) => `Order #${orderNumber}`,
  },
};
