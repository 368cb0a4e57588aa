import { Faker, base, en, en_AU, en_CA, en_GB, en_US, zh_CN, zh_TW, type LocaleDefinition } from '@faker-js/faker';
import type { Address, LineItem } from '../schemas/order.ts';
import { catalog, type Product } from './catalog.ts';
import {
  destinations,
  shipFromLocation,
  trackingLocation,
  trackingNumber,
  type City,
  type DestinationCountry,
} from './geography.ts';
import type { OrderPlan } from './order-plan.ts';
import { SeededRandom } from './random.ts';
import { shipmentEndsAt, type ShipmentIncident, type ShipmentPlan } from './shipment.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** How far back the generated order history goes. */
export const historyDays = 730;

export const customerLocales = ['en-US', 'en-GB', 'en-CA', 'zh-CN', 'zh-TW'] as const;
export type CustomerLocale = (typeof customerLocales)[number];

/** A generated customer: identity plus the plans of all their orders, oldest first. */
export interface CustomerPlan {
  /** The shop's customer id (`cus_000123`); absent for a guest checkout. */
  shopCustomerId?: string;
  email: string;
  name: string;
  locale: CustomerLocale;
  orders: OrderPlan[];
}

/** Upper bound on one customer's orders (one every twelve days for two years). */
export const maxOrdersPerCustomer = 60;
/** Tail exponent of the order-count distribution: P(count ≥ k) ≈ k^−1.32. */
const orderCountExponent = 1.32;
/** Truncates the tail at the maximum instead of piling everyone beyond it onto it. */
const tailBeyondMax = (maxOrdersPerCustomer + 1) ** -orderCountExponent;

/**
 * Orders per customer from one uniform draw: a discrete Pareto truncated at
 * {@link maxOrdersPerCustomer}, P(count ≥ k) ≈ k^−1.32, so 60% buy once, 23% two or three times
 * and ~4.5% ten times or more — the long tail of loyal customers that tiers and retention
 * metrics are about.
 */
export function orderCountFromUniform(u: number): number {
  const count = Math.floor((1 - u * (1 - tailBeyondMax)) ** (-1 / orderCountExponent));
  return Math.min(maxOrdersPerCustomer, count);
}

/** The independent random streams of one customer, so that adding a draw to one never shifts the others. */
const stream = { structure: 1, name: 2, address: 3, secondAddress: 4 } as const;

type FakerLocale = 'en_US' | 'en_GB' | 'en_CA' | 'en_AU' | 'zh_CN' | 'zh_TW';
const nameFaker: Record<CustomerLocale, FakerLocale> = {
  'en-US': 'en_US',
  'en-GB': 'en_GB',
  'en-CA': 'en_CA',
  'zh-CN': 'zh_CN',
  'zh-TW': 'zh_TW',
};
const streetFaker: Partial<Record<DestinationCountry, FakerLocale>> = {
  US: 'en_US',
  CA: 'en_CA',
  GB: 'en_GB',
  AU: 'en_AU',
};

const localeWeights = [
  ['en-US', 38],
  ['en-GB', 12],
  ['en-CA', 10],
  ['zh-CN', 25],
  ['zh-TW', 15],
] as const satisfies ReadonlyArray<readonly [CustomerLocale, number]>;

/** Where customers of each locale ship to: mostly home, some abroad (expats, gifts). */
const countryWeights: Record<CustomerLocale, ReadonlyArray<readonly [DestinationCountry, number]>> = {
  'en-US': [
    ['US', 93],
    ['CA', 3],
    ['GB', 2],
    ['AU', 2],
  ],
  'en-GB': [
    ['GB', 78],
    ['AU', 15],
    ['HK', 4],
    ['US', 3],
  ],
  'en-CA': [
    ['CA', 90],
    ['US', 10],
  ],
  'zh-CN': [
    ['CN', 75],
    ['US', 9],
    ['CA', 6],
    ['AU', 6],
    ['HK', 4],
  ],
  'zh-TW': [
    ['TW', 80],
    ['HK', 8],
    ['US', 7],
    ['CA', 5],
  ],
};

// Chinese surnames are concentrated (the top 20 cover over half of people); faker draws them
// uniformly from hundreds, so the common ones come from these lists, with the romanization
// customers use in email addresses (pinyin on the mainland, Wade–Giles in Taiwan).
const commonSurnamesSimplified = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
  ['高', 'gao'],
  ['罗', 'luo'],
] as const satisfies ReadonlyArray<readonly [string, string]>;
const commonSurnamesTraditional = [
  ['陳', 'chen'],
  ['林', 'lin'],
  ['黃', 'huang'],
  ['張', 'chang'],
  ['李', 'li'],
  ['王', 'wang'],
  ['吳', 'wu'],
  ['劉', 'liu'],
  ['蔡', 'tsai'],
  ['楊', 'yang'],
  ['許', 'hsu'],
  ['鄭', 'cheng'],
  ['謝', 'hsieh'],
  ['郭', 'kuo'],
  ['洪', 'hung'],
  ['曾', 'tseng'],
  ['邱', 'chiu'],
  ['廖', 'liao'],
  ['賴', 'lai'],
  ['周', 'chou'],
] as const satisfies ReadonlyArray<readonly [string, string]>;

const emailDomains = [
  ['example.com', 6],
  ['example.net', 3],
  ['example.org', 1],
] as const satisfies ReadonlyArray<readonly [string, number]>;

const delayReasons = {
  international: [
    'Held by customs for inspection',
    'Awaiting customs documentation from the importer',
    'Flight delayed; shipment moves on the next available flight',
  ],
  domestic: [
    'Weather delay at sort facility',
    'Missed connection; rerouted on the next available transport',
    'Processing delay at sort facility due to high volume',
  ],
} as const;

const deliveryNotes = [
  'Delivered, left at front door',
  'Delivered to mailbox',
  'Delivered, handed to resident',
  'Delivered to parcel locker',
  'Delivered to reception',
] as const;

/** Customer ids as the shop issues them: `cus_000123`. */
export function shopCustomerId(serial: number): string {
  return `cus_${String(serial).padStart(6, '0')}`;
}

/**
 * Generates customers from `(seed, serial)` alone, so customer 123 is the same whatever was
 * generated before it, and any range can be produced without the others.
 */
export function createCustomerGenerator(seed: number) {
  const random = new SeededRandom();
  // Each locale has its own stream; a shared one would make one locale's draws shift another's.
  const fakerFor = (definition: LocaleDefinition): Faker =>
    new Faker({ locale: [definition, en, base], randomizer: new SeededRandom() });
  const fakers: Record<FakerLocale, Faker> = {
    en_US: fakerFor(en_US),
    en_GB: fakerFor(en_GB),
    en_CA: fakerFor(en_CA),
    en_AU: fakerFor(en_AU),
    zh_CN: fakerFor(zh_CN),
    zh_TW: fakerFor(zh_TW),
  };
  const seeded = (locale: FakerLocale, serial: number, purpose: number): Faker => {
    const faker = fakers[locale];
    faker.seed([seed, serial, purpose]);
    return faker;
  };

  /** How many orders customer `serial` places (cheap: one draw). */
  function orderCount(serial: number): number {
    random.seed([seed, serial, stream.structure]);
    return orderCountFromUniform(random.next());
  }

  /** Customer `serial` (1-based) with orders numbered from `firstOrderNumber`, over the two years before `now`. */
  function customer(serial: number, firstOrderNumber: number, now: Date): CustomerPlan {
    const count = orderCount(serial); // also seeds `random`: the count is the structure stream's first draw
    const locale = random.weighted(localeWeights);
    const guest = count === 1 && random.chance(0.07);
    const person = personName(locale, seeded(nameFaker[locale], serial, stream.name), random);
    const email = emailFor(person, serial, random);
    const country = random.weighted(countryWeights[locale]);
    const home = addressFor(
      country,
      person.name,
      seeded(streetFaker[country] ?? 'en_US', serial, stream.address),
      random,
    );
    const second =
      count >= 3 && random.chance(0.3)
        ? addressFor(
            country,
            person.name,
            seeded(streetFaker[country] ?? 'en_US', serial, stream.secondAddress),
            random,
          )
        : undefined;

    const identity = {
      ...(guest ? {} : { id: shopCustomerId(serial) }),
      email,
      name: person.name,
      locale,
    };
    const orders = orderTimes(random, count, now).map((placedAt, index) =>
      planOrder(random, {
        number: String(firstOrderNumber + index),
        customer: identity,
        placedAt,
        first: index === 0,
        destination: second && random.chance(0.2) ? second : home,
      }),
    );
    return { ...(guest ? {} : { shopCustomerId: shopCustomerId(serial) }), email, name: person.name, locale, orders };
  }

  return { orderCount, customer };
}

interface PersonName {
  name: string;
  /** ASCII parts for the email address; empty `given` when there is no romanization. */
  emailParts: { family: string; given: string; style: 'western' | 'chinese' | 'numeric' };
}

function personName(locale: CustomerLocale, faker: Faker, random: SeededRandom): PersonName {
  if (locale === 'zh-CN' || locale === 'zh-TW') {
    const common = locale === 'zh-CN' ? commonSurnamesSimplified : commonSurnamesTraditional;
    const given = faker.person.firstName();
    if (random.chance(0.75)) {
      // Rank-weighted: 王/陳 far more often than 罗/周.
      const [surname, romanized] = random.weighted(common.map((entry, rank) => [entry, 1 / (rank + 3)] as const));
      return { name: `${surname}${given}`, emailParts: { family: romanized, given: '', style: 'chinese' } };
    }
    return { name: `${faker.person.lastName()}${given}`, emailParts: { family: '', given: '', style: 'numeric' } };
  }
  const given = faker.person.firstName();
  const family = faker.person.lastName();
  return { name: `${given} ${family}`, emailParts: { family: ascii(family), given: ascii(given), style: 'western' } };
}

/** Lower-case ASCII letters only (Zoë O'Brien → zoe, obrien), so the digits that follow are all the serial. */
function ascii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * A plausible address that is unique by construction: the local part is letters followed by the
 * customer serial (or, QQ-style, digits only from a bijection of it), and every domain is
 * reserved for examples (RFC 2606), so demo data can never mail a real inbox.
 */
function emailFor(person: PersonName, serial: number, random: SeededRandom): string {
  const domain = random.weighted(emailDomains);
  const { family, given, style } = person.emailParts;
  if (style === 'numeric' || (style === 'chinese' && random.chance(0.35))) {
    // 89e7 = 89 · 2^7 · 5^7 shares no factor with the multiplier, so distinct serials give distinct numbers.
    return `${10_000_000 + ((serial * 7_654_321) % 890_000_000)}@${domain}`;
  }
  if (style === 'chinese') return `${family}${random.pick(['', '.', '_'] as const)}${serial}@${domain}`;
  const first = given || 'shopper';
  const last = family || 'customer';
  const local = random.weighted([
    [`${first}.${last}`, 5],
    [`${first}${last}`, 2],
    [`${first.slice(0, 1)}${last}`, 2],
    [`${first}_${last}`, 1],
  ] as const);
  return `${local}${serial}@${domain}`;
}

interface Destination {
  country: DestinationCountry;
  city: City;
  address: Address;
}

function addressFor(country: DestinationCountry, name: string, faker: Faker, random: SeededRandom): Destination {
  const destination = destinations[country];
  const city = random.weighted(destination.cities.map((c) => [c, c.weight] as const));
  const streets = city.streets;
  let line1: string;
  if (country === 'CN' && streets) {
    line1 = `${random.pick(streets)}${random.int(1, 999)}号${random.chance(0.6) ? `${random.int(1, 30)}栋${random.int(1, 30)}0${random.int(1, 8)}室` : ''}`;
  } else if (country === 'TW' && streets) {
    line1 = `${random.pick(streets)}${random.int(1, 399)}號${random.chance(0.6) ? `${random.int(2, 20)}樓` : ''}`;
  } else if (country === 'HK' && streets) {
    line1 = `Flat ${random.int(2, 40)}${random.pick(['A', 'B', 'C', 'D'] as const)}, ${random.int(1, 300)} ${random.pick(streets)}`;
  } else {
    const street = faker.location.streetAddress();
    line1 = random.chance(0.15) ? `${street}, ${faker.location.secondaryAddress()}` : street;
  }
  const postalCode = city.postalCode(random);
  const region = city.localRegion ?? city.region;
  return {
    country,
    city,
    address: {
      name,
      line1,
      city: city.localCity ?? city.city,
      ...(region ? { region } : {}),
      ...(postalCode ? { postalCode } : {}),
      country,
    },
  };
}

/**
 * When a customer's orders are placed, oldest first. The first order falls anywhere in the two
 * years (more often recently: the shop grows ~80% a year), repeat customers need time for their
 * orders, and 30% of them stop buying partway (churn), which the retention metrics should see.
 */
function orderTimes(random: SeededRandom, count: number, now: Date): Date[] {
  const growthPerDay = Math.log(1.8) / 365;
  const minAge = count === 1 ? 0 : Math.min(historyDays - 1, (count - 1) * random.between(6, 15));
  const span = historyDays - minAge;
  // Inverse CDF of an exponential density ∝ e^(−g·age) on [0, span].
  const firstAge = minAge - Math.log(1 - random.next() * (1 - Math.exp(-growthPerDay * span))) / growthPerDay;
  const endAge = count > 1 && random.chance(0.3) ? firstAge * random.between(0.15, 0.8) : 0;
  const ages = [firstAge];
  for (let i = 1; i < count; i++) ages.push(random.between(endAge, firstAge));
  ages.sort((a, b) => b - a);
  // Whole seconds, and never in the same second as "now".
  return ages.map((age) => new Date(Math.floor((now.getTime() - Math.max(age * dayMs, 60_000)) / 1000) * 1000));
}

const itemCountWeights = [
  [1, 55],
  [2, 28],
  [3, 12],
  [4, 5],
] as const satisfies ReadonlyArray<readonly [number, number]>;

function pickProducts(random: SeededRandom, count: number): Product[] {
  const remaining: Product[] = [...catalog];
  const picked: Product[] = [];
  while (picked.length < count && remaining.length > 0) {
    let target = random.next() * remaining.reduce((sum, product) => sum + product.popularity, 0);
    const index = remaining.findIndex((product) => (target -= product.popularity) < 0);
    const [product] = remaining.splice(index < 0 ? remaining.length - 1 : index, 1);
    if (product) picked.push(product);
  }
  return picked;
}

/** Draws one order's whole life: basket, price, payment, fulfilment, shipments, and what goes wrong. */
function planOrder(
  random: SeededRandom,
  order: { number: string; customer: OrderPlan['customer']; placedAt: Date; first: boolean; destination: Destination },
): OrderPlan {
  const { country, city, address } = order.destination;
  const destination = destinations[country];
  const lineItems: LineItem[] = pickProducts(random, random.weighted(itemCountWeights)).map((product) => ({
    sku: product.sku,
    name: product.name,
    quantity: product.consumable
      ? random.weighted([
          [1, 70],
          [2, 22],
          [3, 8],
        ] as const)
      : random.chance(0.08)
        ? 2
        : 1,
    unitPrice: product.unitPrice,
  }));
  const subtotal = lineItems.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  // First orders often use a welcome code; repeat customers sometimes get a loyalty code.
  const discount = order.first
    ? random.chance(0.2)
      ? Math.round(subtotal * 0.1)
      : 0
    : random.chance(0.08)
      ? Math.round(subtotal * 0.15)
      : 0;
  const carrier = random.weighted(destination.carriers.map((c) => [c, c.weight] as const));
  const shippingFee = carrier.express
    ? destination.shippingFee + 1_500
    : subtotal - discount >= destination.freeShippingFrom
      ? 0
      : destination.shippingFee;

  const placed = order.placedAt.getTime();
  // Most cards clear in minutes; a few bank transfers take days.
  const paidAt = placed + (random.chance(0.025) ? random.between(6, 60) * hourMs : random.between(1, 20) * 60_000);
  const processingAt = paidAt + random.between(0.5, 5) * hourMs;
  const plan: OrderPlan = {
    number: order.number,
    customer: order.customer,
    placedAt: order.placedAt,
    lineItems,
    shippingAddress: address,
    shippingFee,
    salesTax: country === 'US' ? (city.salesTax ?? 0) : 0,
    discount,
    paidAt: new Date(Math.round(paidAt)),
    processingAt: new Date(Math.round(processingAt)),
    shipments: [],
  };
  if (random.chance(0.03)) {
    plan.cancelledAt = new Date(Math.round(paidAt + random.between(0.3, 18) * hourMs));
    return plan;
  }

  const lane = {
    origin: shipFromLocation,
    ...(destination.exportGateway && destination.importHub
      ? { exportGateway: destination.exportGateway, importHub: destination.importHub }
      : {}),
    hub: city.hub,
    destination: trackingLocation(country, city),
  };
  const international = country !== 'US';
  const firstLabel = processingAt + random.between(3, 30) * hourMs;
  const labels =
    lineItems.length >= 2 && random.chance(0.1)
      ? [firstLabel, firstLabel + random.between(24, 120) * hourMs]
      : [firstLabel];
  plan.shipments = labels.map((labelAt, index): ShipmentPlan => {
    const pickupAt = labelAt + random.between(2, 20) * hourMs;
    const estimated = pickupAt + random.int(carrier.transitDays[0], carrier.transitDays[1]) * dayMs;
    const arrival = Math.max(pickupAt + 1.5 * dayMs, estimated + random.between(-0.6, 0.5) * dayMs);
    const fate = random.next();
    let incident: ShipmentIncident | undefined;
    if (fate < 0.01) {
      incident = { kind: 'loss', at: new Date(Math.round(pickupAt + (arrival - pickupAt) * random.between(0.2, 0.6))) };
    } else if (fate < 0.095) {
      incident = {
        kind: 'delay',
        at: new Date(Math.round(pickupAt + (arrival - pickupAt) * random.between(0.3, 0.85))),
        hours: Math.round(random.between(36, 200)),
        reason: random.pick(international ? delayReasons.international : delayReasons.domestic),
      };
    }
    return {
      id: `shp_${order.number}_${index + 1}`,
      carrier: carrier.name,
      trackingNumber: trackingNumber(carrier, Number(order.number), index, random),
      lane,
      labelAt: new Date(Math.round(labelAt)),
      pickupAt: new Date(Math.round(pickupAt)),
      estimatedDelivery: new Date(Math.round(estimated)),
      arrival: new Date(Math.round(arrival)),
      ...(incident ? { incident } : {}),
      deliveryNote: random.pick(deliveryNotes),
    };
  });

  const ends = Math.max(...plan.shipments.map((shipment) => shipmentEndsAt(shipment).getTime()));
  const lost = plan.shipments.some((shipment) => shipment.incident?.kind === 'loss');
  const refundDraw = random.next();
  if (lost) {
    plan.refund = { at: new Date(Math.round(ends + random.between(1, 3) * dayMs)), amount: 'full' };
  } else if (refundDraw < 0.02) {
    plan.refund = { at: new Date(Math.round(ends + random.between(5, 25) * dayMs)), amount: 'full' };
  } else if (refundDraw < 0.045) {
    // A goodwill refund for one unit of the cheapest item (damaged in transit, say).
    const cheapest = Math.min(...lineItems.map((item) => item.unitPrice));
    plan.refund = { at: new Date(Math.round(ends + random.between(2, 10) * dayMs)), amount: cheapest };
  }
  return plan;
}
