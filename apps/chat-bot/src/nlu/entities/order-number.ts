import { overlapsAny, type Span } from './span.ts';

// "order 1042", "order no. 1042", "order #A-1042", "订单1042", "訂單號：1042", "单号 7761".
const afterKeyword =
  /(?:\border(?:\s*(?:number|num|no\.?|id))?|\bpurchase|订单(?:号码|号|编号)?|訂單(?:號碼|號|編號)?|单号|單號)\s*(?:is|是|为|為|[:：])?\s*[#＃]?\s*([A-Za-z]{0,4}-?\d{3,12})(?![\dA-Za-z])/gi;
// "#1042", "＃1042".
const afterHash = /[#＃]\s?(\d{3,12})(?!\d)/g;
// A bare "1042": four to ten digits standing alone (not a group of a phone number like "0412 345 678").
const bareNumber = /(?<![\dA-Za-z$€£¥￥.,+\-/:]|\d[ -])(\d{4,10})(?![\d.,:/]\d|\d|[A-Za-z]|[ -]\d)/g;

// What a bare number is when it is not an order: an amount, a date, a time, a quantity, a year.
const unitAfter =
  /^\s?(?:%|days?|weeks?|months?|years?|hours?|hrs?|mins?|minutes?|dollars?|bucks|usd|eur|gbp|cad|aud|rmb|cny|kg|g|km|ml|pcs|items?|元|块|塊|美元|美金|天|日|号|號|年|月|点|點|件|个|個|人|分|小时|小時|次|公斤|公里)(?![A-Za-z])/i;
const wordBefore =
  /(?:\bunder|\bover|\bbelow|\babove|\babout|\baround|\bthan|\bwithin|\bsince|\bin|\byear|\bphone|\btel|\bzip|\bpostcode|\bpostal code)\s*$/i;

/** Order numbers in `text` with their positions, skipping anything inside `exclude` (emails, tracking numbers). */
export function findOrderNumbers(text: string, exclude: readonly Span<unknown>[] = []): Span<string>[] {
  const spans: Span<string>[] = [];
  const take = (start: number, end: number, value: string): void => {
    const span = { start, end, value: value.toUpperCase() };
    if (overlapsAny(span, exclude) || overlapsAny(span, spans)) return;
    spans.push(span);
  };
  for (const pattern of [afterKeyword, afterHash]) {
    for (const match of text.matchAll(pattern)) {
      const value = match[1];
      if (value === undefined) continue;
      const start = match.index + match[0].lastIndexOf(value);
      take(start, start + value.length, value);
    }
  }
  for (const match of text.matchAll(bareNumber)) {
    const value = match[1];
    if (value === undefined) continue;
    const end = match.index + value.length;
    if (unitAfter.test(text.slice(end, end + 12))) continue;
    if (wordBefore.test(text.slice(Math.max(0, match.index - 16), match.index))) continue;
    take(match.index, end, value);
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * The distinct order numbers in a message, without "#", upper-cased, in order of appearance.
 * @example extractOrderNumbers('訂單號：1042 還沒到') // ['1042']
 */
export function extractOrderNumbers(text: string): string[] {
  return [...new Set(findOrderNumbers(text).map((span) => span.value))];
}
