import type { Span } from './span.ts';

/**
 * Destinations shoppers name, by ISO 3166-1 alpha-2 code: English names, simplified and traditional
 * Chinese names, and a few big cities people type instead of the country. Kept to places a shop
 * ships to often; ambiguous English words (Turkey, Jordan, Georgia, Chad) are left out on purpose.
 */
const countryNames: Record<string, readonly string[]> = {
  US: [
    'united states of america',
    'united states',
    'usa',
    'u.s.a.',
    'u.s.',
    'america',
    'the states',
    'new york',
    'los angeles',
    'california',
    '美国',
    '美國',
    '纽约',
    '紐約',
  ],
  GB: [
    'united kingdom',
    'great britain',
    'britain',
    'england',
    'scotland',
    'wales',
    'uk',
    'u.k.',
    'london',
    '英国',
    '英國',
    '伦敦',
    '倫敦',
  ],
  CA: ['canada', 'toronto', 'vancouver', 'montreal', '加拿大', '多伦多', '多倫多', '温哥华', '溫哥華'],
  AU: ['australia', 'sydney', 'melbourne', '澳大利亚', '澳大利亞', '澳洲', '悉尼', '雪梨', '墨尔本', '墨爾本'],
  NZ: ['new zealand', 'auckland', '新西兰', '新西蘭', '纽西兰', '紐西蘭'],
  IE: ['ireland', 'dublin', '爱尔兰', '愛爾蘭'],
  DE: ['germany', 'berlin', '德国', '德國'],
  FR: ['france', 'paris', '法国', '法國', '巴黎'],
  IT: ['italy', '意大利', '義大利'],
  ES: ['spain', '西班牙'],
  PT: ['portugal', '葡萄牙'],
  NL: ['netherlands', 'holland', '荷兰', '荷蘭'],
  BE: ['belgium', '比利时', '比利時'],
  CH: ['switzerland', '瑞士'],
  AT: ['austria', '奥地利', '奧地利'],
  SE: ['sweden', '瑞典'],
  NO: ['norway', '挪威'],
  DK: ['denmark', '丹麦', '丹麥'],
  FI: ['finland', '芬兰', '芬蘭'],
  PL: ['poland', '波兰', '波蘭'],
  RU: ['russia', '俄罗斯', '俄羅斯'],
  JP: ['japan', 'tokyo', '日本', '东京', '東京'],
  KR: ['south korea', 'korea', 'seoul', '韩国', '韓國', '南韩', '南韓', '首尔', '首爾'],
  CN: [
    'china',
    'mainland china',
    'beijing',
    'shanghai',
    'guangzhou',
    'shenzhen',
    '中国',
    '中國',
    '大陆',
    '大陸',
    '内地',
    '內地',
    '北京',
    '上海',
    '广州',
    '廣州',
    '深圳',
  ],
  HK: ['hong kong', 'hongkong', '香港'],
  MO: ['macau', 'macao', '澳门', '澳門'],
  TW: ['taiwan', 'taipei', '台湾', '台灣', '臺灣', '台北', '臺北', '台中', '臺中', '高雄'],
  SG: ['singapore', '新加坡'],
  MY: ['malaysia', 'kuala lumpur', '马来西亚', '馬來西亞', '大马', '大馬'],
  TH: ['thailand', '泰国', '泰國'],
  VN: ['vietnam', 'viet nam', '越南'],
  PH: ['philippines', '菲律宾', '菲律賓'],
  ID: ['indonesia', '印度尼西亚', '印度尼西亞', '印尼'],
  IN: ['india', '印度'],
  AE: ['united arab emirates', 'uae', 'dubai', '阿联酋', '阿聯酋', '迪拜', '杜拜'],
  IL: ['israel', '以色列'],
  ZA: ['south africa', '南非'],
  MX: ['mexico', '墨西哥'],
  BR: ['brazil', '巴西'],
  AR: ['argentina', '阿根廷'],
  CL: ['chile', '智利'],
};

function escapeForRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const codeByName = new Map<string, string>();
for (const [code, names] of Object.entries(countryNames)) for (const name of names) codeByName.set(name, code);

// Longest names first, so "印度尼西亚" wins over "印度" and "south korea" over "korea".
const names = [...codeByName.keys()].sort((a, b) => b.length - a.length);
const latinName = (name: string): boolean => /^[a-z. ]+$/.test(name);
const countryPattern = new RegExp(
  names
    .map((name) => (latinName(name) ? `(?<![A-Za-z])${escapeForRegex(name)}(?![A-Za-z])` : escapeForRegex(name)))
    .join('|'),
  'gi',
);
// "US" only in capitals: lower-case "us" is the pronoun ("ship it to us").
const usInCapitals = /(?<![A-Za-z])US(?![A-Za-z])/g;
// Words that put a destination right after them: "to Canada", "寄到加拿大", "發往日本".
const destinationMarker =
  /(?:\bto|\binto|\bin|寄到|寄往|寄去|寄|发到|發到|发往|發往|发|發|送到|送去|运到|運到|到|去|往)\s*(?:the\s+)?$/i;

/** Every place name in `text` with its ISO code and position. */
export function findCountries(text: string): Span<string>[] {
  const spans: Span<string>[] = [];
  for (const match of text.matchAll(countryPattern)) {
    const code = codeByName.get(match[0].toLowerCase());
    if (code !== undefined) spans.push({ start: match.index, end: match.index + match[0].length, value: code });
  }
  for (const match of text.matchAll(usInCapitals)) {
    spans.push({ start: match.index, end: match.index + match[0].length, value: 'US' });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * The destination country of a shipping question as an ISO 3166-1 alpha-2 code, or null. With several
 * places, the last one after a destination word wins ("from China to Canada" → CA); otherwise the first.
 * @example extractDestinationCountry('寄到加拿大運費多少') // 'CA'
 */
export function extractDestinationCountry(text: string): string | null {
  const spans = findCountries(text);
  const afterMarker = spans.filter((span) =>
    destinationMarker.test(text.slice(Math.max(0, span.start - 12), span.start)),
  );
  return (afterMarker.at(-1) ?? spans[0])?.value ?? null;
}
