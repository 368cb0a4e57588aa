/**
 * Deterministic demo data for the demo shop (a tea and teaware store in Reno, Nevada, selling
 * in USD to the US, Canada, the UK, Australia, mainland China, Taiwan and Hong Kong).
 *
 * Same `seed` and reference time `now` ⇒ byte-identical orders. Customer N depends only on
 * `(seed, N)`, so any range can be generated alone and equals that range of a longer run, order
 * numbers included; that is what lets `npm run seed` resume and extend. Randomness comes from
 * {@link SeededRandom} (sfc32), never from `Math.random`, with one faker instance per locale
 * (en_US, en_GB, en_CA, en_AU, zh_CN, zh_TW), each on its own seeded stream. Faker's word lists
 * are part of the output, so the data is byte-identical for the faker version in the lockfile.
 *
 * What is generated, over the two years before `now`:
 * - customers with English names and Chinese names (simplified for zh-CN, traditional for zh-TW,
 *   common surnames weighted as in life), locales en-US, en-GB, en-CA, zh-CN and zh-TW, shop ids
 *   `cus_000123` (7% of one-order customers check out as guests, without one) and emails at the
 *   reserved example.com/.net/.org domains, unique because the local part ends in the customer
 *   number (or is a QQ-style number derived from it);
 * - orders per customer from a truncated discrete Pareto: ~60% buy once, ~4.5% ten times or more,
 *   at most 60; first orders lean recent (the shop grows), 30% of repeat buyers churn;
 * - order numbers sequential from 1001: the demo block below, then generated customers in order,
 *   each customer's orders oldest first;
 * - 1–4 line items from a 21-product catalog, welcome and loyalty discounts, US sales tax,
 *   shipping fees with free-shipping thresholds, amounts in cents;
 * - shipping to US, CA, GB, AU, CN, TW and HK with the carriers that serve them, carrier-shaped
 *   tracking numbers, and tracking events (time, location, description) along real hubs; a
 *   shipment's whole future is planned up front and shown as of `now`, so recent orders are
 *   label_created, in_transit or out_for_delivery, old ones delivered; ~8.5% are delayed
 *   (customs, weather) and 1% lost, then refunded; 3% of orders are cancelled, 2% returned and
 *   refunded, 2.5% partially refunded, a few pending payment or split into two shipments.
 *
 * The demo block: the same ten customers and 46 orders (1001–1046) for every seed, with times
 * relative to `now`, for chat and ticket tests. Orders 1001–1037 are their delivered history
 * (1006 returned and refunded, 1035 partially refunded); 1038–1046 are one order in each state
 * a shopper asks about:
 *
 * | order | customer (shop id) | email | locale, ships to | at `now` |
 * |---|---|---|---|---|
 * | 1038 | Bob Tremblay (`cus_demo_bob`), bronze | bob.tremblay@example.com | en-CA, Montréal CA | Canada Post LX075051085US **lost** (declared 2 days ago; refund due in 4 days); order `shipped` |
 * | 1039 | Grace Thompson (`cus_demo_grace`), platinum, 15 orders | grace.thompson@example.org | en-GB, London GB | Royal Mail LX710477111US **out_for_delivery** |
 * | 1040 | 张伟 (`cus_demo_zhangwei`), gold | zhang.wei@example.com | zh-CN, 上海市 CN | SF Express SF1440520066437 **delayed**: held by customs; estimate revised by 4 days |
 * | 1041 | Emily Johnson (`cus_demo_emily`), gold by order count | emily.johnson@example.com | en-US, Seattle US | **partially_shipped**: one USPS parcel in transit, the second not yet labelled |
 * | 1042 | Alice Walker (`cus_demo_alice`), silver | alice.walker@example.com | en-US, Portland US | UPS 1ZA84R271659451643 **in_transit**, estimated delivery in about two days |
 * | 1043 | 林美華 (`cus_demo_meihua`), silver | meihua.lin@example.net | zh-TW, 臺北市 TW | Chunghwa Post RR352942467US **label_created**; order `processing` |
 * | 1044 | Sam Rivera (guest: `guestCustomerId(email)`), bronze | sam.rivera@example.com | en-US, Austin US | **processing**, no shipment yet |
 * | 1045 | 陳志明 (`cus_demo_chihming`), bronze | chihming.chen@example.org | zh-TW, Tsim Sha Tsui HK | **cancelled** 4 hours after it was placed, refunded |
 * | 1046 | 王芳 (`cus_demo_wangfang`), bronze | wang.fang@example.com | zh-CN, 北京市 CN | **pending** payment, placed 43 minutes ago |
 *
 * Generated customers' emails always end the local part in digits, so they never collide with
 * these. `demoOrderIndex()` lists all 46 with their scenarios.
 */
export { SeededRandom } from './random.ts';
export { catalog, type Product } from './catalog.ts';
export {
  createDemoData,
  demoCustomerCount,
  type DemoDataOptions,
  type SeedBatch,
  type SeedCustomer,
} from './demo-data.ts';
export {
  demoCustomers,
  demoOrderCount,
  demoOrderIndex,
  demoOrderPlans,
  demoOrders,
  firstOrderNumber,
  type DemoCustomer,
  type DemoCustomerKey,
  type DemoScenario,
} from './demo-customers.ts';
export {
  createCustomerGenerator,
  customerLocales,
  historyDays,
  maxOrdersPerCustomer,
  orderCountFromUniform,
  shopCustomerId,
  type CustomerLocale,
  type CustomerPlan,
} from './generate-customer.ts';
export { orderAt, orderTotals, type OrderPlan } from './order-plan.ts';
export {
  plannedEvents,
  shipmentEndsAt,
  trackShipment,
  type Lane,
  type ShipmentIncident,
  type ShipmentPlan,
} from './shipment.ts';
export {
  seedDatabase,
  seedMarkerId,
  summarizeSeededData,
  type SeedDatabaseOptions,
  type SeedDatabaseResult,
  type SeededDataSummary,
} from './seed-database.ts';
export { parseSeedArgs, seedUsage, maxSeedCustomers, type SeedArgs } from './seed-args.ts';
export { UsageError } from './command-line.ts';
