import { overlapsAny, type Span } from './span.ts';

/** A tracking number and, when its shape names one, the carrier. */
export interface TrackingNumber {
  number: string;
  carrier: string | null;
}

// Universal Postal Union S10 numbers end in the issuing country's code.
const postalCarriers: Record<string, string> = {
  CN: 'China Post',
  US: 'USPS',
  GB: 'Royal Mail',
  CA: 'Canada Post',
  AU: 'Australia Post',
  JP: 'Japan Post',
  HK: 'Hongkong Post',
  TW: 'Chunghwa Post',
  DE: 'Deutsche Post',
  FR: 'La Poste',
  SG: 'Singapore Post',
};

interface CarrierPattern {
  pattern: RegExp;
  carrier: (number: string) => string | null;
}

// Order matters: the first pattern to claim a stretch of text wins it.
const carrierPatterns: CarrierPattern[] = [
  { pattern: /\b1Z[0-9A-Z]{16}\b/gi, carrier: () => 'UPS' },
  { pattern: /\bSF\d{12,13}\b/gi, carrier: () => 'SF Express' },
  { pattern: /\bYT\d{16}\b/gi, carrier: () => 'YunExpress' },
  { pattern: /\bLP\d{14,16}\b/gi, carrier: () => 'Cainiao' },
  { pattern: /\bGM\d{16,18}\b/gi, carrier: () => 'DHL eCommerce' },
  { pattern: /\b9[2-5]\d{20}(?:\d{4})?\b/g, carrier: () => 'USPS' },
  {
    pattern: /\b[A-Z]{2}\d{9}[A-Z]{2}\b/gi,
    carrier: (number) => postalCarriers[number.slice(-2)] ?? 'Postal service',
  },
  // A number right after a tracking word: "tracking 7712345678", "运单号 4301234567".
  {
    pattern:
      /(?<=(?:(?:tracking|track|waybill|consignment)(?:\s*(?:number|num|no\.?|code|id|ref(?:erence)?))?|运单|運單|快递单|快遞單|物流单|物流單|追踪|追蹤|托运|託運|单号|單號)[^A-Za-z0-9]{0,12})[A-Z0-9]*\d{8}[A-Z0-9]*\b/gi,
    carrier: () => null,
  },
  // Long bare digit runs are courier numbers (FedEx 12/15, ZTO, Yunda…); order numbers here are at most 10 digits.
  { pattern: /(?<![\d.,])\d{12,22}(?![\d.,]\d)/g, carrier: () => null },
];

/** Tracking numbers in `text` with their positions, skipping anything inside `exclude` (e.g. emails). */
export function findTrackingNumbers(text: string, exclude: readonly Span<unknown>[] = []): Span<TrackingNumber>[] {
  const spans: Span<TrackingNumber>[] = [];
  for (const { pattern, carrier } of carrierPatterns) {
    for (const match of text.matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (overlapsAny(span, exclude) || overlapsAny(span, spans)) continue;
      const number = match[0].toUpperCase();
      spans.push({ ...span, value: { number, carrier: carrier(number) } });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * The distinct tracking numbers in a message, upper-cased, with the carrier their pattern names.
 * @example extractTrackingNumbers('UPS 1Z999AA10123456784') // [{ number: '1Z999AA10123456784', carrier: 'UPS' }]
 */
export function extractTrackingNumbers(text: string): TrackingNumber[] {
  const seen = new Set<string>();
  const result: TrackingNumber[] = [];
  for (const { value } of findTrackingNumbers(text)) {
    if (seen.has(value.number)) continue;
    seen.add(value.number);
    result.push(value);
  }
  return result;
}
