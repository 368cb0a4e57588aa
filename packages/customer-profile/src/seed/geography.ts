import type { SeededRandom } from './random.ts';

// Where the demo shop ships to, with whom, how long it takes and what it costs. Cities, hubs and
// postal-code shapes are real so that tracking events read like a carrier's; the shop ships
// from one warehouse in Reno, Nevada, and charges in USD.

export const shipFromLocation = 'Reno, NV, US';

export const destinationCountries = ['US', 'CA', 'GB', 'AU', 'CN', 'TW', 'HK'] as const;
export type DestinationCountry = (typeof destinationCountries)[number];

export type TrackingFormat = 'usps' | 'ups' | 'fedex' | 'dhl' | 'sf-express' | 'upu';

export interface Carrier {
  name: string;
  format: TrackingFormat;
  /** UPU S10 service prefix (e.g. "LX"), for postal operators. */
  upuPrefix?: string;
  /** Door-to-door days after pickup, inclusive range. */
  transitDays: readonly [number, number];
  /** Express services cost more and never ship free. */
  express: boolean;
  weight: number;
}

export interface City {
  /** English name, used in tracking events. */
  city: string;
  /** State or province abbreviation where one is written on addresses. */
  region?: string;
  /** The city and region as written on a local address (Chinese for CN and TW). */
  localCity?: string;
  localRegion?: string;
  /** The carrier sort facility that serves the city. */
  hub: string;
  postalCode: (random: SeededRandom) => string | undefined;
  /** Street names for countries whose addresses the seed writes itself (faker's are not plausible there). */
  streets?: readonly string[];
  /** US sales tax the shop collects (state + local), as a fraction. */
  salesTax?: number;
  weight: number;
}

export interface Destination {
  country: DestinationCountry;
  cities: readonly City[];
  carriers: readonly Carrier[];
  /** Where an international parcel leaves the US and enters the destination. */
  exportGateway?: string;
  importHub?: string;
  /** Standard shipping fee in cents, waived from `freeShippingFrom`. */
  shippingFee: number;
  freeShippingFrom: number;
}

const zip =
  (from: number, to: number, width: number) =>
  (random: SeededRandom): string =>
    String(random.int(from, to)).padStart(width, '0');

const letters = 'ABCEGHJKLMNPRSTVWXYZ';
const pickLetter = (random: SeededRandom): string => letters[random.int(0, letters.length - 1)] ?? 'A';

/** Canadian postal codes: a forward sortation area, then digit-letter-digit. */
const canadian =
  (...areas: [string, ...string[]]) =>
  (random: SeededRandom): string =>
    `${random.pick(areas)} ${random.int(0, 9)}${pickLetter(random)}${random.int(0, 9)}`;

/** UK postcodes: an outward code, then digit and two letters. */
const british =
  (...outward: [string, ...string[]]) =>
  (random: SeededRandom): string =>
    `${random.pick(outward)} ${random.int(1, 9)}${pickLetter(random)}${pickLetter(random)}`;

const noPostalCode = (): undefined => undefined;

const usps: Carrier = { name: 'USPS', format: 'usps', transitDays: [3, 5], express: false, weight: 5 };
const ups: Carrier = { name: 'UPS', format: 'ups', transitDays: [2, 4], express: true, weight: 3 };
const fedex: Carrier = { name: 'FedEx', format: 'fedex', transitDays: [2, 4], express: true, weight: 2 };
const dhlExpress = (days: readonly [number, number]): Carrier => ({
  name: 'DHL Express',
  format: 'dhl',
  transitDays: days,
  express: true,
  weight: 3,
});
const post = (name: string, prefix: string, days: readonly [number, number], weight = 5): Carrier => ({
  name,
  format: 'upu',
  upuPrefix: prefix,
  transitDays: days,
  express: false,
  weight,
});

export const destinations: Record<DestinationCountry, Destination> = {
  US: {
    country: 'US',
    carriers: [usps, ups, fedex],
    shippingFee: 695,
    freeShippingFrom: 7_500,
    cities: [
      {
        city: 'New York',
        region: 'NY',
        hub: 'Jersey City, NJ, US',
        postalCode: zip(10001, 10040, 5),
        salesTax: 0.08875,
        weight: 9,
      },
      {
        city: 'Los Angeles',
        region: 'CA',
        hub: 'City of Industry, CA, US',
        postalCode: zip(90001, 90089, 5),
        salesTax: 0.095,
        weight: 8,
      },
      {
        city: 'Chicago',
        region: 'IL',
        hub: 'Bedford Park, IL, US',
        postalCode: zip(60601, 60661, 5),
        salesTax: 0.1025,
        weight: 6,
      },
      {
        city: 'Houston',
        region: 'TX',
        hub: 'North Houston, TX, US',
        postalCode: zip(77001, 77099, 5),
        salesTax: 0.0825,
        weight: 5,
      },
      {
        city: 'Seattle',
        region: 'WA',
        hub: 'Kent, WA, US',
        postalCode: zip(98101, 98199, 5),
        salesTax: 0.1035,
        weight: 5,
      },
      {
        city: 'Portland',
        region: 'OR',
        hub: 'Troutdale, OR, US',
        postalCode: zip(97201, 97239, 5),
        salesTax: 0,
        weight: 4,
      },
      {
        city: 'Denver',
        region: 'CO',
        hub: 'Aurora, CO, US',
        postalCode: zip(80201, 80239, 5),
        salesTax: 0.0881,
        weight: 4,
      },
      {
        city: 'Atlanta',
        region: 'GA',
        hub: 'Palmetto, GA, US',
        postalCode: zip(30301, 30349, 5),
        salesTax: 0.089,
        weight: 4,
      },
      {
        city: 'Boston',
        region: 'MA',
        hub: 'Shrewsbury, MA, US',
        postalCode: zip(2108, 2137, 5),
        salesTax: 0.0625,
        weight: 4,
      },
      {
        city: 'Austin',
        region: 'TX',
        hub: 'Round Rock, TX, US',
        postalCode: zip(78701, 78759, 5),
        salesTax: 0.0825,
        weight: 3,
      },
      {
        city: 'San Francisco',
        region: 'CA',
        hub: 'Oakland, CA, US',
        postalCode: zip(94102, 94134, 5),
        salesTax: 0.08625,
        weight: 5,
      },
      {
        city: 'Miami',
        region: 'FL',
        hub: 'Medley, FL, US',
        postalCode: zip(33101, 33199, 5),
        salesTax: 0.07,
        weight: 3,
      },
    ],
  },
  CA: {
    country: 'CA',
    carriers: [post('Canada Post', 'LX', [5, 9]), { ...ups, transitDays: [4, 6] }],
    exportGateway: 'Buffalo, NY, US',
    importHub: 'Mississauga, ON, CA',
    shippingFee: 1_295,
    freeShippingFrom: 15_000,
    cities: [
      {
        city: 'Toronto',
        region: 'ON',
        hub: 'Mississauga, ON, CA',
        postalCode: canadian('M5V', 'M4C', 'M6K', 'M5A'),
        weight: 8,
      },
      {
        city: 'Vancouver',
        region: 'BC',
        hub: 'Richmond, BC, CA',
        postalCode: canadian('V6B', 'V5K', 'V6K'),
        weight: 6,
      },
      { city: 'Montréal', region: 'QC', hub: 'Dorval, QC, CA', postalCode: canadian('H2X', 'H3B', 'H2T'), weight: 5 },
      { city: 'Calgary', region: 'AB', hub: 'Calgary, AB, CA', postalCode: canadian('T2P', 'T3E'), weight: 3 },
      { city: 'Ottawa', region: 'ON', hub: 'Ottawa, ON, CA', postalCode: canadian('K1P', 'K2P'), weight: 3 },
    ],
  },
  GB: {
    country: 'GB',
    carriers: [post('Royal Mail', 'LX', [7, 12], 4), dhlExpress([3, 5])],
    exportGateway: 'New York JFK, NY, US',
    importHub: 'London Heathrow, GB',
    shippingFee: 1_995,
    freeShippingFrom: 20_000,
    cities: [
      {
        city: 'London',
        hub: 'Mount Pleasant Mail Centre, London, GB',
        postalCode: british('SW1A', 'E1', 'N1', 'SE1', 'W2', 'NW3'),
        weight: 10,
      },
      { city: 'Manchester', hub: 'Warrington, GB', postalCode: british('M1', 'M4', 'M14'), weight: 4 },
      { city: 'Birmingham', hub: 'Birmingham, GB', postalCode: british('B1', 'B5', 'B15'), weight: 4 },
      { city: 'Edinburgh', hub: 'Edinburgh, GB', postalCode: british('EH1', 'EH3', 'EH6'), weight: 3 },
      { city: 'Bristol', hub: 'Bristol, GB', postalCode: british('BS1', 'BS8'), weight: 2 },
      { city: 'Leeds', hub: 'Leeds, GB', postalCode: british('LS1', 'LS6'), weight: 2 },
    ],
  },
  AU: {
    country: 'AU',
    carriers: [post('Australia Post', 'LX', [8, 14]), dhlExpress([4, 6])],
    exportGateway: 'Los Angeles LAX, CA, US',
    importHub: 'Sydney Airport, NSW, AU',
    shippingFee: 1_995,
    freeShippingFrom: 20_000,
    cities: [
      { city: 'Sydney', region: 'NSW', hub: 'Alexandria, NSW, AU', postalCode: zip(2000, 2050, 4), weight: 8 },
      { city: 'Melbourne', region: 'VIC', hub: 'Tullamarine, VIC, AU', postalCode: zip(3000, 3060, 4), weight: 7 },
      { city: 'Brisbane', region: 'QLD', hub: 'Eagle Farm, QLD, AU', postalCode: zip(4000, 4060, 4), weight: 4 },
      { city: 'Perth', region: 'WA', hub: 'Perth Airport, WA, AU', postalCode: zip(6000, 6060, 4), weight: 3 },
      { city: 'Adelaide', region: 'SA', hub: 'Adelaide, SA, AU', postalCode: zip(5000, 5050, 4), weight: 2 },
    ],
  },
  CN: {
    country: 'CN',
    carriers: [
      { name: 'SF Express', format: 'sf-express', transitDays: [6, 11], express: true, weight: 5 },
      post('China Post EMS', 'EA', [9, 16], 3),
    ],
    exportGateway: 'Los Angeles LAX, CA, US',
    importHub: 'Shanghai Pudong, CN',
    shippingFee: 1_995,
    freeShippingFrom: 20_000,
    cities: [
      {
        city: 'Shanghai',
        localCity: '上海市',
        localRegion: '上海市',
        hub: 'Shanghai, CN',
        postalCode: zip(200000, 200240, 6),
        streets: ['南京西路', '淮海中路', '世纪大道', '漕溪北路', '四川北路'],
        weight: 9,
      },
      {
        city: 'Beijing',
        localCity: '北京市',
        localRegion: '北京市',
        hub: 'Beijing Shunyi, CN',
        postalCode: zip(100000, 100190, 6),
        streets: ['建国路', '朝阳北路', '中关村大街', '东三环中路'],
        weight: 8,
      },
      {
        city: 'Shenzhen',
        localCity: '深圳市',
        localRegion: '广东省',
        hub: 'Shenzhen, CN',
        postalCode: zip(518000, 518130, 6),
        streets: ['深南大道', '华强北路', '科技园南路'],
        weight: 6,
      },
      {
        city: 'Guangzhou',
        localCity: '广州市',
        localRegion: '广东省',
        hub: 'Guangzhou Baiyun, CN',
        postalCode: zip(510000, 510800, 6),
        streets: ['天河路', '环市东路', '中山五路'],
        weight: 5,
      },
      {
        city: 'Hangzhou',
        localCity: '杭州市',
        localRegion: '浙江省',
        hub: 'Hangzhou, CN',
        postalCode: zip(310000, 310030, 6),
        streets: ['延安路', '文三路', '钱江路'],
        weight: 4,
      },
      {
        city: 'Chengdu',
        localCity: '成都市',
        localRegion: '四川省',
        hub: 'Chengdu Shuangliu, CN',
        postalCode: zip(610000, 610100, 6),
        streets: ['春熙路', '人民南路', '天府大道'],
        weight: 4,
      },
    ],
  },
  TW: {
    country: 'TW',
    carriers: [post('Chunghwa Post', 'RR', [7, 12], 4), dhlExpress([4, 6])],
    exportGateway: 'Los Angeles LAX, CA, US',
    importHub: 'Taoyuan Airport, TW',
    shippingFee: 1_995,
    freeShippingFrom: 20_000,
    cities: [
      {
        city: 'Taipei',
        localCity: '臺北市',
        hub: 'Taipei, TW',
        postalCode: zip(100, 116, 3),
        streets: ['忠孝東路四段', '信義路五段', '敦化南路一段', '南京東路三段'],
        weight: 9,
      },
      {
        city: 'New Taipei',
        localCity: '新北市',
        hub: 'New Taipei, TW',
        postalCode: zip(220, 253, 3),
        streets: ['中山路一段', '文化路二段', '民生路二段'],
        weight: 6,
      },
      {
        city: 'Taichung',
        localCity: '臺中市',
        hub: 'Taichung, TW',
        postalCode: zip(400, 439, 3),
        streets: ['台灣大道三段', '公益路二段', '五權路'],
        weight: 5,
      },
      {
        city: 'Kaohsiung',
        localCity: '高雄市',
        hub: 'Kaohsiung, TW',
        postalCode: zip(800, 852, 3),
        streets: ['中正四路', '博愛二路', '民族一路'],
        weight: 4,
      },
      {
        city: 'Tainan',
        localCity: '臺南市',
        hub: 'Tainan, TW',
        postalCode: zip(700, 745, 3),
        streets: ['中華東路三段', '民族路二段', '府前路一段'],
        weight: 3,
      },
    ],
  },
  HK: {
    country: 'HK',
    carriers: [post('Hongkong Post', 'RR', [6, 10], 4), dhlExpress([3, 5])],
    exportGateway: 'Los Angeles LAX, CA, US',
    importHub: 'Hong Kong International Airport, HK',
    shippingFee: 1_995,
    freeShippingFrom: 20_000,
    cities: [
      {
        city: 'Central',
        region: 'Hong Kong Island',
        hub: 'Hong Kong Air Mail Centre, HK',
        postalCode: noPostalCode,
        streets: ["Queen's Road Central", 'Des Voeux Road Central', 'Wellington Street'],
        weight: 4,
      },
      {
        city: 'Tsim Sha Tsui',
        region: 'Kowloon',
        hub: 'Hong Kong Air Mail Centre, HK',
        postalCode: noPostalCode,
        streets: ['Nathan Road', 'Canton Road', 'Granville Road'],
        weight: 4,
      },
      {
        city: 'Sha Tin',
        region: 'New Territories',
        hub: 'Hong Kong Air Mail Centre, HK',
        postalCode: noPostalCode,
        streets: ['Sha Tin Centre Street', 'Tai Chung Kiu Road', 'On Yiu Street'],
        weight: 3,
      },
    ],
  },
};

/** How a city appears in a tracking event, e.g. "Portland, OR, US" or "Shanghai, CN". */
export function trackingLocation(country: DestinationCountry, city: City): string {
  return city.region && country !== 'HK' ? `${city.city}, ${city.region}, ${country}` : `${city.city}, ${country}`;
}

/**
 * A carrier-shaped tracking number, unique per (order, shipment) for order numbers below ten
 * million: the serial is a bijective scramble of both, so numbers look random yet never repeat.
 */
export function trackingNumber(
  carrier: Carrier,
  orderSerial: number,
  shipmentIndex: number,
  random: SeededRandom,
): string {
  const serial = scramble(rotate(scramble((orderSerial * 10 + shipmentIndex) % 1e8)));
  const serial8 = String(serial).padStart(8, '0');
  const digits = (count: number): string => Array.from({ length: count }, () => random.int(0, 9)).join('');
  switch (carrier.format) {
    case 'usps':
      return `94001${serial8}${digits(9)}`;
    case 'ups':
      return `1ZA84R27${digits(2)}${serial8}`;
    case 'fedex':
      return `77${digits(2)}${serial8}`;
    case 'dhl':
      return `${random.int(1, 9)}${digits(1)}${serial8}`;
    case 'sf-express':
      return `SF14${digits(3)}${serial8}`;
    case 'upu':
      return `${carrier.upuPrefix ?? 'LX'}${serial8}${s10CheckDigit(serial8)}US`;
  }
}

// Both are bijections on [0, 10^8): the multiplier is coprime to 10, and the product stays below
// 2^53, so it is exact. The rotation stops the low digits from following the order number.
const scramble = (value: number): number => (value * 73_176_123 + 19_260_817) % 1e8;
const rotate = (value: number): number => (value % 1000) * 100_000 + Math.floor(value / 1000);

/** The UPU S10 check digit, so postal numbers pass the validation carriers' own sites apply. */
function s10CheckDigit(serial8: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial8[i]) * (weights[i] ?? 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}
