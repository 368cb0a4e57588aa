import type { ParsedOrderInput } from '../schemas/order.ts';
import { lineItemsFor, type Sku } from './catalog.ts';
import type { CustomerLocale } from './generate-customer.ts';
import {
  destinations,
  shipFromLocation,
  trackingLocation,
  trackingNumber,
  type DestinationCountry,
} from './geography.ts';
import { orderAt, type OrderPlan } from './order-plan.ts';
import { SeededRandom } from './random.ts';
import { plannedEvents, type ShipmentPlan } from './shipment.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** The first order number of the shop; the demo block comes first, generated orders follow it. */
export const firstOrderNumber = 1001;

/** A fixed demo customer (see the table in `index.ts`). */
export interface DemoCustomer {
  key: DemoCustomerKey;
  /** The shop's customer id; absent for the guest checkout. */
  shopCustomerId?: string;
  email: string;
  name: string;
  locale: CustomerLocale;
  address: { country: DestinationCountry; city: string; line1: string; postalCode?: string };
}

export type DemoCustomerKey =
  'alice' | 'grace' | 'zhangWei' | 'meihua' | 'bob' | 'olivia' | 'sam' | 'chihming' | 'emily' | 'wangFang';

export const demoCustomers: readonly DemoCustomer[] = [
  {
    key: 'alice',
    shopCustomerId: 'cus_demo_alice',
    email: 'alice.walker@example.com',
    name: 'Alice Walker',
    locale: 'en-US',
    address: { country: 'US', city: 'Portland', line1: '2231 NW Everett St', postalCode: '97210' },
  },
  {
    key: 'grace',
    shopCustomerId: 'cus_demo_grace',
    email: 'grace.thompson@example.org',
    name: 'Grace Thompson',
    locale: 'en-GB',
    address: { country: 'GB', city: 'London', line1: 'Flat 4, 27 Camden Road', postalCode: 'NW1 9LN' },
  },
  {
    key: 'zhangWei',
    shopCustomerId: 'cus_demo_zhangwei',
    email: 'zhang.wei@example.com',
    name: '张伟',
    locale: 'zh-CN',
    address: { country: 'CN', city: 'Shanghai', line1: '淮海中路999号3栋1202室', postalCode: '200031' },
  },
  {
    key: 'meihua',
    shopCustomerId: 'cus_demo_meihua',
    email: 'meihua.lin@example.net',
    name: '林美華',
    locale: 'zh-TW',
    address: { country: 'TW', city: 'Taipei', line1: '忠孝東路四段181號7樓', postalCode: '106' },
  },
  {
    key: 'bob',
    shopCustomerId: 'cus_demo_bob',
    email: 'bob.tremblay@example.com',
    name: 'Bob Tremblay',
    locale: 'en-CA',
    address: { country: 'CA', city: 'Montréal', line1: '4820 Rue Saint-Denis', postalCode: 'H2J 2L6' },
  },
  {
    key: 'olivia',
    shopCustomerId: 'cus_demo_olivia',
    email: 'olivia.brown@example.net',
    name: 'Olivia Brown',
    locale: 'en-GB',
    address: { country: 'AU', city: 'Sydney', line1: 'Unit 5, 48 Oxford Street', postalCode: '2010' },
  },
  {
    key: 'sam',
    email: 'sam.rivera@example.com',
    name: 'Sam Rivera',
    locale: 'en-US',
    address: { country: 'US', city: 'Austin', line1: '1601 S Congress Ave', postalCode: '78704' },
  },
  {
    key: 'chihming',
    shopCustomerId: 'cus_demo_chihming',
    email: 'chihming.chen@example.org',
    name: '陳志明',
    locale: 'zh-TW',
    address: { country: 'HK', city: 'Tsim Sha Tsui', line1: 'Flat 18C, 132 Nathan Road' },
  },
  {
    key: 'emily',
    shopCustomerId: 'cus_demo_emily',
    email: 'emily.johnson@example.com',
    name: 'Emily Johnson',
    locale: 'en-US',
    address: { country: 'US', city: 'Seattle', line1: '415 Pine St, Apt 802', postalCode: '98101' },
  },
  {
    key: 'wangFang',
    shopCustomerId: 'cus_demo_wangfang',
    email: 'wang.fang@example.com',
    name: '王芳',
    locale: 'zh-CN',
    address: { country: 'CN', city: 'Beijing', line1: '建国路88号6栋1503室', postalCode: '100022' },
  },
];

/** What a demo order shows at the reference time. */
export type DemoScenario =
  | 'delivered'
  | 'returned'
  | 'partially_refunded'
  | 'lost'
  | 'delayed'
  | 'out_for_delivery'
  | 'partially_shipped'
  | 'in_transit'
  | 'label_created'
  | 'processing'
  | 'cancelled'
  | 'pending';

interface DemoOrderSpec {
  customer: DemoCustomerKey;
  daysAgo: number;
  items: ReadonlyArray<readonly [Sku, number]>;
  scenario: DemoScenario;
  /** Defaults to the destination's usual carrier. */
  carrier?: string;
}

// Chronological, so numbering them in this order keeps order numbers rising with time.
const demoOrderSpecs: readonly DemoOrderSpec[] = [
  {
    customer: 'grace',
    daysAgo: 712,
    scenario: 'delivered',
    items: [
      ['WARE-YIX-200', 1],
      ['TEA-DHP-50', 2],
    ],
  },
  {
    customer: 'grace',
    daysAgo: 655,
    scenario: 'delivered',
    items: [
      ['TEA-PUE-357', 2],
      ['TEA-ORB-75', 1],
    ],
  },
  { customer: 'grace', daysAgo: 590, scenario: 'delivered', items: [['GIFT-BOX-DLX', 2]] },
  {
    customer: 'zhangWei',
    daysAgo: 540,
    scenario: 'delivered',
    items: [
      ['TEA-LJG-100', 2],
      ['WARE-GAI-150', 1],
    ],
  },
  {
    customer: 'grace',
    daysAgo: 515,
    scenario: 'delivered',
    items: [
      ['WARE-KET-GN', 1],
      ['TEA-ALS-100', 2],
    ],
  },
  { customer: 'olivia', daysAgo: 430, scenario: 'returned', items: [['WARE-TRY-BAM', 1]] },
  {
    customer: 'grace',
    daysAgo: 420,
    scenario: 'delivered',
    items: [
      ['TEA-PUE-357', 1],
      ['WARE-CUP-4', 2],
    ],
  },
  {
    customer: 'wangFang',
    daysAgo: 400,
    scenario: 'delivered',
    items: [
      ['TEA-MAT-30', 1],
      ['WARE-WSK-MAT', 1],
    ],
  },
  {
    customer: 'grace',
    daysAgo: 380,
    scenario: 'delivered',
    items: [
      ['TEA-SMP-6', 2],
      ['TEA-ORB-75', 2],
    ],
  },
  { customer: 'emily', daysAgo: 350, scenario: 'delivered', items: [['TEA-EGS-100', 2]] },
  {
    customer: 'grace',
    daysAgo: 340,
    scenario: 'delivered',
    items: [
      ['WARE-YIX-200', 1],
      ['TEA-PUE-357', 2],
      ['TEA-DHP-50', 2],
      ['WARE-KET-GN', 1],
    ],
  },
  { customer: 'zhangWei', daysAgo: 330, scenario: 'delivered', items: [['TEA-TGY-100', 3]] },
  {
    customer: 'emily',
    daysAgo: 310,
    scenario: 'delivered',
    items: [
      ['TEA-JAS-100', 1],
      ['TEA-EGS-100', 1],
    ],
  },
  {
    customer: 'alice',
    daysAgo: 300,
    scenario: 'delivered',
    items: [
      ['TEA-EGS-100', 2],
      ['WARE-CUP-4', 1],
    ],
  },
  {
    customer: 'grace',
    daysAgo: 290,
    scenario: 'delivered',
    items: [
      ['GIFT-BOX-DLX', 3],
      ['TEA-ALS-100', 2],
    ],
  },
  {
    customer: 'zhangWei',
    daysAgo: 270,
    scenario: 'delivered',
    items: [
      ['TEA-DHP-50', 2],
      ['TEA-PUE-357', 1],
    ],
  },
  { customer: 'emily', daysAgo: 268, scenario: 'delivered', items: [['TEA-KMN-100', 2]] },
  {
    customer: 'grace',
    daysAgo: 250,
    scenario: 'delivered',
    items: [
      ['WARE-TRY-BAM', 1],
      ['TEA-ORB-75', 3],
      ['TEA-LJG-100', 2],
      ['WARE-YIX-200', 1],
    ],
  },
  {
    customer: 'chihming',
    daysAgo: 240,
    scenario: 'delivered',
    items: [
      ['TEA-ALS-100', 1],
      ['TEA-ORB-75', 1],
    ],
  },
  {
    customer: 'emily',
    daysAgo: 230,
    scenario: 'delivered',
    items: [
      ['TEA-EGS-100', 1],
      ['WARE-BTL-CB', 1],
    ],
  },
  {
    customer: 'grace',
    daysAgo: 205,
    scenario: 'delivered',
    items: [
      ['TEA-PUE-357', 3],
      ['WARE-GAI-150', 2],
      ['GIFT-BOX-DLX', 1],
    ],
  },
  {
    customer: 'zhangWei',
    daysAgo: 200,
    scenario: 'delivered',
    items: [
      ['TEA-JAS-100', 2],
      ['TEA-WPN-50', 2],
    ],
  },
  {
    customer: 'meihua',
    daysAgo: 198,
    scenario: 'delivered',
    items: [
      ['TEA-MAT-30', 1],
      ['WARE-WSK-MAT', 1],
    ],
  },
  { customer: 'emily', daysAgo: 190, scenario: 'delivered', items: [['TEA-JAS-100', 2]] },
  { customer: 'wangFang', daysAgo: 180, scenario: 'delivered', items: [['TEA-LJG-100', 1]] },
  {
    customer: 'grace',
    daysAgo: 160,
    scenario: 'delivered',
    items: [
      ['WARE-YIX-200', 1],
      ['WARE-KET-GN', 1],
      ['TEA-DHP-50', 1],
      ['TEA-PUE-357', 1],
    ],
  },
  { customer: 'olivia', daysAgo: 150, scenario: 'delivered', items: [['TEA-SMP-6', 1]] },
  {
    customer: 'emily',
    daysAgo: 148,
    scenario: 'delivered',
    items: [
      ['TEA-EGS-100', 2],
      ['TEA-KMN-100', 1],
    ],
  },
  {
    customer: 'zhangWei',
    daysAgo: 130,
    scenario: 'delivered',
    items: [
      ['WARE-CUP-4', 1],
      ['TEA-TGY-100', 2],
    ],
  },
  {
    customer: 'grace',
    daysAgo: 120,
    scenario: 'delivered',
    items: [
      ['GIFT-BOX-DLX', 2],
      ['TEA-PUE-357', 2],
      ['WARE-KET-GN', 1],
    ],
  },
  { customer: 'emily', daysAgo: 100, scenario: 'delivered', items: [['TEA-MAT-30', 1]] },
  {
    customer: 'meihua',
    daysAgo: 90,
    scenario: 'delivered',
    items: [
      ['TEA-ALS-100', 1],
      ['TEA-ORB-75', 1],
    ],
  },
  {
    customer: 'grace',
    daysAgo: 80,
    scenario: 'delivered',
    items: [
      ['TEA-ORB-75', 3],
      ['WARE-CUP-4', 2],
      ['WARE-YIX-200', 1],
    ],
  },
  { customer: 'zhangWei', daysAgo: 70, scenario: 'delivered', items: [['TEA-LJG-100', 3]] },
  {
    customer: 'alice',
    daysAgo: 60,
    scenario: 'partially_refunded',
    items: [
      ['TEA-JAS-100', 1],
      ['WARE-GAI-150', 1],
    ],
  },
  {
    customer: 'grace',
    daysAgo: 45,
    scenario: 'delivered',
    items: [
      ['WARE-YIX-200', 1],
      ['TEA-DHP-50', 3],
      ['GIFT-BOX-DLX', 1],
    ],
  },
  { customer: 'emily', daysAgo: 40, scenario: 'delivered', items: [['TEA-EGS-100', 2]] },
  // From here on, one order in each state a shopper asks about (see index.ts).
  {
    customer: 'bob',
    daysAgo: 25,
    scenario: 'lost',
    items: [
      ['WARE-KET-GN', 1],
      ['TEA-KMN-100', 2],
    ],
  },
  {
    customer: 'grace',
    daysAgo: 9,
    scenario: 'out_for_delivery',
    items: [
      ['GIFT-BOX-DLX', 2],
      ['TEA-ALS-100', 3],
      ['WARE-YIX-200', 1],
    ],
  },
  {
    customer: 'zhangWei',
    daysAgo: 7,
    scenario: 'delayed',
    items: [
      ['TEA-PUE-357', 2],
      ['WARE-GAI-150', 1],
    ],
  },
  {
    customer: 'emily',
    daysAgo: 5,
    scenario: 'partially_shipped',
    items: [
      ['TEA-EGS-100', 2],
      ['WARE-BTL-CB', 1],
    ],
  },
  {
    customer: 'alice',
    daysAgo: 3.2,
    scenario: 'in_transit',
    items: [
      ['TEA-LJG-100', 2],
      ['WARE-KET-GN', 1],
    ],
    carrier: 'UPS',
  },
  {
    customer: 'meihua',
    daysAgo: 2,
    scenario: 'label_created',
    items: [
      ['TEA-DHP-50', 1],
      ['TEA-TGY-100', 2],
    ],
  },
  {
    customer: 'sam',
    daysAgo: 0.85,
    scenario: 'processing',
    items: [
      ['TEA-SMP-6', 1],
      ['WARE-CUP-4', 1],
    ],
  },
  { customer: 'chihming', daysAgo: 0.45, scenario: 'cancelled', items: [['WARE-YIX-200', 1]] },
  { customer: 'wangFang', daysAgo: 0.03, scenario: 'pending', items: [['TEA-MAT-30', 2]] },
];

/** How many orders the demo block holds: generated orders are numbered from `firstOrderNumber + demoOrderCount`. */
export const demoOrderCount = demoOrderSpecs.length;

/** A demo order's number and scenario, for tests and docs. */
export function demoOrderIndex(): Array<{
  number: string;
  customer: DemoCustomerKey;
  scenario: DemoScenario;
  daysAgo: number;
}> {
  return demoOrderSpecs.map((spec, index) => ({
    number: String(firstOrderNumber + index),
    customer: spec.customer,
    scenario: spec.scenario,
    daysAgo: spec.daysAgo,
  }));
}

/**
 * The demo block as plans: the same customers, orders, tracking numbers and relative times for
 * every `--seed` (only `now` moves them), so chat tests can name them.
 */
export function demoOrderPlans(now: Date): OrderPlan[] {
  const byKey = new Map(demoCustomers.map((customer) => [customer.key, customer]));
  return demoOrderSpecs.map((spec, index) => {
    const customer = byKey.get(spec.customer);
    if (!customer) throw new Error(`demo order ${index}: unknown customer ${spec.customer}`);
    return demoPlan(spec, String(firstOrderNumber + index), customer, now);
  });
}

/** The demo block's orders as the shop would deliver them at `now`. */
export function demoOrders(now: Date): ParsedOrderInput[] {
  return demoOrderPlans(now).map((plan) => orderAt(plan, now));
}

function demoPlan(spec: DemoOrderSpec, number: string, customer: DemoCustomer, now: Date): OrderPlan {
  const t = now.getTime();
  const destination = destinations[customer.address.country];
  const city = destination.cities.find((c) => c.city === customer.address.city);
  if (!city)
    throw new Error(`demo customer ${customer.key}: no city ${customer.address.city} in ${customer.address.country}`);
  const carrier = destination.carriers.find((c) => c.name === (spec.carrier ?? destination.carriers[0]?.name));
  if (!carrier)
    throw new Error(`demo order ${number}: no carrier ${spec.carrier ?? '(default)'} to ${customer.address.country}`);
  // Filler digits of tracking numbers come from the order number alone, never from --seed.
  const random = new SeededRandom([0xde30, Number(number)]);

  const placed = Math.round((t - spec.daysAgo * dayMs) / 60_000) * 60_000;
  const paid = spec.scenario === 'pending' ? t + 2 * dayMs : placed + 5 * 60_000;
  const processing = paid + 2 * hourMs;
  const region = city.localRegion ?? city.region;
  const plan: OrderPlan = {
    number,
    customer: {
      ...(customer.shopCustomerId ? { id: customer.shopCustomerId } : {}),
      email: customer.email,
      name: customer.name,
      locale: customer.locale,
    },
    placedAt: new Date(placed),
    lineItems: lineItemsFor(spec.items),
    shippingAddress: {
      name: customer.name,
      line1: customer.address.line1,
      city: city.localCity ?? city.city,
      ...(region ? { region } : {}),
      ...(customer.address.postalCode ? { postalCode: customer.address.postalCode } : {}),
      country: customer.address.country,
    },
    shippingFee: 0,
    salesTax: customer.address.country === 'US' ? (city.salesTax ?? 0) : 0,
    discount: 0,
    paidAt: new Date(paid),
    processingAt: new Date(processing),
    shipments: [],
  };
  const subtotal = plan.lineItems.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  plan.shippingFee = carrier.express
    ? destination.shippingFee + 1_500
    : subtotal >= destination.freeShippingFrom
      ? 0
      : destination.shippingFee;

  if (spec.scenario === 'cancelled') {
    plan.cancelledAt = new Date(placed + 4 * hourMs);
    return plan;
  }
  if (spec.scenario === 'pending') return plan;

  const transitDays = Math.round((carrier.transitDays[0] + carrier.transitDays[1]) / 2);
  const lane = {
    origin: shipFromLocation,
    ...(destination.exportGateway && destination.importHub
      ? { exportGateway: destination.exportGateway, importHub: destination.importHub }
      : {}),
    hub: city.hub,
    destination: trackingLocation(customer.address.country, city),
  };
  const shipment = (
    index: number,
    labelAt: number,
    arrival: number,
    extra: Partial<ShipmentPlan> = {},
  ): ShipmentPlan => {
    const pickupAt = labelAt + 6 * hourMs;
    return {
      id: `shp_${number}_${index + 1}`,
      carrier: carrier.name,
      trackingNumber: trackingNumber(carrier, Number(number), index, random),
      lane,
      labelAt: new Date(labelAt),
      pickupAt: new Date(pickupAt),
      // Demo parcels arrive when promised unless their scenario says otherwise.
      estimatedDelivery: new Date(Math.ceil((arrival + hourMs) / hourMs) * hourMs),
      arrival: new Date(arrival),
      deliveryNote: 'Delivered, left at front door',
      ...extra,
    };
  };
  const label = processing + 20 * hourMs;
  const usualArrival = label + 6 * hourMs + transitDays * dayMs - 4 * hourMs;

  switch (spec.scenario) {
    case 'delivered':
      plan.shipments = [shipment(0, label, usualArrival)];
      break;
    case 'returned':
      plan.shipments = [shipment(0, label, usualArrival)];
      plan.refund = { at: new Date(usualArrival + 12 * dayMs), amount: 'full' };
      break;
    case 'partially_refunded': {
      plan.shipments = [shipment(0, label, usualArrival)];
      const cheapest = Math.min(...plan.lineItems.map((item) => item.unitPrice));
      plan.refund = { at: new Date(usualArrival + 3 * dayMs), amount: cheapest };
      break;
    }
    case 'lost': {
      // Declared lost two days ago; the refund is still four days away, so a human should step in.
      const arrival = t - 14 * dayMs;
      plan.shipments = [shipment(0, label, arrival, { incident: { kind: 'loss', at: new Date(label + 2 * dayMs) } })];
      plan.refund = { at: new Date(t + 4 * dayMs), amount: 'full' };
      break;
    }
    case 'delayed': {
      // Held by customs since it landed about a day ago; the revised estimate moves four days out.
      const onTime = shipment(0, label, t + 3.75 * dayMs);
      const landed = plannedEvents(onTime).find((event) =>
        event.description.startsWith('Arrived in destination country'),
      );
      const heldAt = (landed?.at.getTime() ?? t - dayMs) + 3 * hourMs;
      plan.shipments = [
        {
          ...onTime,
          incident: { kind: 'delay', at: new Date(heldAt), hours: 96, reason: 'Held by customs for inspection' },
        },
      ];
      break;
    }
    case 'out_for_delivery':
      plan.shipments = [shipment(0, label, t + 3 * hourMs)];
      break;
    case 'partially_shipped':
      plan.shipments = [shipment(0, label, t + 1 * dayMs), shipment(1, t + 1 * dayMs, t + 4 * dayMs)];
      break;
    case 'in_transit':
      plan.shipments = [shipment(0, label, t + 2 * dayMs)];
      break;
    case 'label_created':
      plan.shipments = [shipment(0, t - 4 * hourMs, t + 8 * dayMs)];
      break;
    case 'processing':
      plan.shipments = [shipment(0, t + 8 * hourMs, t + 4 * dayMs)];
      break;
  }
  return plan;
}
