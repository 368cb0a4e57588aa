import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvHeaderError } from './csv-layout.ts';
import { readCsvOrders } from './read-csv.ts';
import type { SourceOrder, SourceRecord } from './source-record.ts';

const header =
  'order_number,placed_at,status,currency,customer_email,subtotal,total,item_sku,item_name,item_quantity,item_unit_price,ship_country,refunded';

async function read(text: string): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of readCsvOrders(Readable.from([text]))) records.push(record);
  return records;
}

const orders = (records: SourceRecord[]): SourceOrder[] =>
  records.filter((record): record is SourceOrder => record.kind === 'order');

describe('readCsvOrders', () => {
  it('groups consecutive rows of one order into its line items, order columns from the first row', async () => {
    const records = await read(
      [
        header,
        '#A-1,2026-10-01T00:00:00Z,paid,USD,ada@example.com,3000,3000,TEA-1,"Tea, green",2,1000,GB,',
        'A-1,,,,,,,TEA-2,Cup,1,1000,,',
        'A-2,2026-10-02T00:00:00Z,paid,USD,bo@example.com,500,500,TEA-3,Mint,1,500,,',
      ].join('\n'),
    );
    expect(records.map((record) => [record.kind, record.line])).toEqual([
      ['order', 2],
      ['order', 4],
    ]);
    const [first] = orders(records);
    expect(first?.number).toBe('A-1');
    expect(first?.problems).toEqual([]);
    expect(first?.input).toEqual({
      number: '#A-1',
      placedAt: '2026-10-01T00:00:00Z',
      status: 'paid',
      currency: 'USD',
      customer: { email: 'ada@example.com' },
      totals: { subtotal: 3000, total: 3000 },
      shippingAddress: { country: 'GB' },
      lineItems: [
        { sku: 'TEA-1', name: 'Tea, green', quantity: 2, unitPrice: 1000 },
        { sku: 'TEA-2', name: 'Cup', quantity: 1, unitPrice: 1000 },
      ],
    });
  });

  it('maps a zod path back to the row and column it came from', async () => {
    const [order] = orders(
      await read([header, 'A-1,2026-10-01,paid,USD,ada@example.com,1,1,S,N,1,1,,', 'A-1,,,,,,,S2,N2,0,1,,'].join('\n')),
    );
    expect(order?.locate(['lineItems', 1, 'quantity'])).toEqual({ line: 3, column: 'item_quantity' });
    expect(order?.locate(['customer', 'email'])).toEqual({ line: 2, column: 'customer_email' });
    expect(order?.locate(['totals', 'refunded'])).toEqual({ line: 2, column: 'refunded' });
    expect(order?.locate(['shippingAddress', 'country'])).toEqual({ line: 2, column: 'ship_country' });
    expect(order?.locate([])).toEqual({ line: 2 });
  });

  it('flags a later row that contradicts the first, and a row with the wrong number of fields', async () => {
    const [order] = orders(
      await read(
        [
          header,
          'A-1,2026-10-01,paid,USD,ada@example.com,1,1,S,N,1,1,,',
          'A-1,2026-10-01,paid,USD,eve@example.com,1,1,S2,N2,1,1,,',
          'A-1,,,,,,,S3,N3,1',
        ].join('\n'),
      ),
    );
    expect(order?.problems).toEqual([
      {
        line: 3,
        column: 'customer_email',
        field: 'customer.email',
        message: expect.stringContaining('differs from line 2'),
      },
      { line: 4, message: 'has 10 fields but the header has 13' },
    ]);
  });

  it('keeps numbers that are not whole as numbers, and text in number columns as text, for the schema to judge', async () => {
    const [order] = orders(
      await read([header, 'A-1,2026-10-01,paid,USD,ada@example.com,ten,1,S,N,1,12.99,,'].join('\n')),
    );
    expect(order?.input).toMatchObject({ totals: { subtotal: 'ten' }, lineItems: [{ unitPrice: 12.99 }] });
  });

  it('reports a row with broken quoting and keeps reading', async () => {
    const records = await read(
      [
        header,
        'A-1,2026-10-01,paid,USD,ada@example.com,1,1,S,N"x,1,1,,',
        'A-2,2026-10-01,paid,USD,bo@example.com,1,1,S,N,1,1,,',
      ].join('\n'),
    );
    expect(records[0]).toMatchObject({
      kind: 'unreadable',
      line: 2,
      message: expect.stringContaining('unreadable CSV row'),
    });
    expect(orders(records).map((order) => order.number)).toEqual(['A-2']);
  });

  it('says which lines a never-closed quote swallowed', async () => {
    const records = await read(
      [
        header,
        'A-1,2026-10-01,paid,USD,ada@example.com,1,1,S,N,1,1,,',
        'A-2,2026-10-01,paid,USD,bo@example.com,1,1,S,"N,1,1,,',
        'A-3,x',
        '',
      ].join('\n'),
    );
    expect(orders(records).map((order) => order.number)).toEqual(['A-1']);
    expect(records.find((record) => record.kind === 'unreadable')).toEqual({
      kind: 'unreadable',
      line: 3,
      message: 'a quoted cell opened on line 3 is never closed, so lines 3–4 could not be read',
    });
  });

  it('refuses a header with unknown or missing columns before reading any row', async () => {
    await expect(read('order_number,placed_at,custmer_email\nA-1,2026-10-01,x\n')).rejects.toThrow(CsvHeaderError);
    await expect(read('order_number,placed_at,custmer_email\n')).rejects.toThrow(
      /unknown column "custmer_email".*missing columns status, currency/,
    );
  });

  it('skips a byte-order mark and blank lines', async () => {
    const records = await read(`\uFEFF${header}\n\nA-1,2026-10-01,paid,USD,ada@example.com,1,1,S,N,1,1,,\n\n`);
    expect(orders(records).map((order) => [order.number, order.line])).toEqual([['A-1', 3]]);
  });
});
