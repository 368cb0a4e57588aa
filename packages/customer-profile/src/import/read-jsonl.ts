import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { normalizeOrderNumber, type SourceRecord } from './source-record.ts';

/**
 * Reads JSON Lines: one order object per line, blank lines skipped. Streams, so a file of any
 * size is read in constant memory; `onLine` reports the line number reached.
 */
export async function* readJsonlOrders(input: Readable, onLine?: (line: number) => void): AsyncGenerator<SourceRecord> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const raw of lines) {
    line++;
    onLine?.(line);
    // A UTF-8 byte-order mark (some Windows editors write one) is not part of the JSON.
    const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (text === '') continue;
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (error) {
      yield {
        kind: 'unreadable',
        line,
        message: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      };
      continue;
    }
    const at = line;
    const number =
      typeof input === 'object' && input !== null
        ? normalizeOrderNumber((input as { number?: unknown }).number)
        : undefined;
    yield { kind: 'order', line: at, ...(number ? { number } : {}), input, problems: [], locate: () => ({ line: at }) };
  }
}
