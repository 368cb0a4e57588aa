import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readJsonlOrders } from './read-jsonl.ts';
import type { SourceRecord } from './source-record.ts';

async function read(text: string): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of readJsonlOrders(Readable.from([text]))) records.push(record);
  return records;
}

describe('readJsonlOrders', () => {
  it('reads one order per line, numbering lines from 1 and skipping blank ones', async () => {
    const records = await read('\uFEFF{"number":"#1"}\n\n  \n{"number":2}\r\n[1]\n');
    expect(
      records.map((record) => [record.kind, record.line, record.kind === 'order' ? record.number : undefined]),
    ).toEqual([
      ['order', 1, '1'],
      ['order', 4, '2'],
      ['order', 5, undefined],
    ]);
    const [first] = records;
    expect(first?.kind === 'order' && first.locate(['customer', 'email'])).toEqual({ line: 1 });
  });

  it('reports a line that is not JSON and keeps reading', async () => {
    const records = await read('{"number":"1"\n{"number":"2"}\n');
    expect(records[0]).toMatchObject({
      kind: 'unreadable',
      line: 1,
      message: expect.stringMatching(/^not valid JSON \(/),
    });
    expect(records[1]).toMatchObject({ kind: 'order', line: 2, number: '2' });
  });
});
