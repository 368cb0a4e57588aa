import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { normalizeOrderNumber, type SourceRecord } from './source-record.ts';

/**
 * Turns one line's text into an order input, or throws with what is wrong (the message is
 * reported with the line). The default reads loyaldesk's own order JSON.
 */
export type DecodeOrderLine = (text: string) => { input: unknown; number?: string | undefined };

const decodeOrderJson: DecodeOrderLine = (text) => {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const number = typeof input === 'object' && input !== null ? normalizeOrderNumber((input as { number?: unknown }).number) : undefined;
  return { input, number };
};

/**
 * Reads JSON Lines: one order object per line, blank lines skipped. Streams, so a file of any
 * size is read in constant memory; `onLine` reports the line number reached. `decode` reads
 * another source's order JSON (a Shopify export) as ours.
 */
export async function* readJsonlOrders(
  input: Readable,
  onLine?: (line: number) => void,
  decode: DecodeOrderLine = decodeOrderJson,
): AsyncGenerator<SourceRecord> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const raw of lines) {
    line++;
    onLine?.(line);
    // A UTF-8 byte-order mark (some Windows editors write one) is not part of the JSON.
    const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (text === '') continue;
    let decoded: ReturnType<DecodeOrderLine>;
    try {
      decoded = decode(text);
    } catch (error) {
      yield { kind: 'unreadable', line, message: error instanceof Error ? error.message : String(error) };
      continue;
    }
    const at = line;
    const { input: order, number } = decoded;
    yield { kind: 'order', line: at, ...(number ? { number } : {}), input: order, problems: [], locate: () => ({ line: at }) };
  }
}
