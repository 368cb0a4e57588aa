import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import {
  createCustomerProfileService,
  guestCustomerId,
  type CustomerProfileService,
} from '../service/customer-profile-service.ts';
import { countLines } from './count-lines.ts';
import { CsvHeaderError } from './csv-layout.ts';
import { shopifyJson, shopifyOrder } from '../sources/shopify/testing/shopify-fixtures.ts';
import { ImportFileError, importOrders, type IngestedBatch, type ImportRejection } from './import-orders.ts';

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const jsonl = path.join(fixtures, 'orders-sample.jsonl');
const csv = path.join(fixtures, 'orders-sample.csv');

/** line, order, then each problem as "line/column/field: message" — what a person fixing the file reads. */
const summarize = (rejected: ImportRejection[]) =>
  rejected.map((rejection) => [
    rejection.line,
    rejection.order ?? null,
    rejection.problems.map((p) => `${p.line}/${p.column ?? '-'}/${p.field ?? '-'}: ${p.message}`),
  ]);

describe('importOrders', () => {
  let db: TestDatabase;
  let service: CustomerProfileService;
  let scratch: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = createCustomerProfileService({ connection: db.connection });
    await service.init();
    scratch = mkdtempSync(path.join(os.tmpdir(), 'loyaldesk-import-'));
  });
  afterAll(async () => {
    await db.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('imports the JSONL sample and reports its five bad lines by line and field', async () => {
    const progress: number[] = [];
    const result = await importOrders(service, {
      file: jsonl,
      batchSize: 4,
      onProgress: ({ lines }) => progress.push(lines),
    });
    expect(result).toMatchObject({ lines: 12, orders: 11, ingested: 6 });
    expect(result.file).toMatchObject({ format: 'jsonl', path: jsonl });
    expect(summarize(result.rejected)).toEqual([
      [4, 'MKT-70004', ['4/-/customer.email: must be a valid email address']],
      [7, null, [expect.stringMatching(/^7\/-\/-: not valid JSON \(/)]],
      [9, 'MKT-70008', ['9/-/lineItems.0.quantity: Too small: expected number to be >0']],
      [10, 'MKT-70009', ['10/-/currency: orders must be in the shop currency USD']],
      [11, 'MKT-70010', ['11/-/totals.refunded: refunded cannot exceed total']],
    ]);
    expect(progress.at(-1)).toBe(12);

    const { Orders } = service.models;
    expect((await Orders.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).map((order) => order._id)).toEqual([
      'MKT-70001',
      'MKT-70002',
      'MKT-70003',
      'MKT-70005',
      'MKT-70007',
      'MKT-70011',
    ]);
    // "#MKT-70005", a mixed-case email and a +08:00 time, normalized by the schema.
    expect(await service.getOrder('MKT-70005')).toMatchObject({
      email: 'chen.yuting@example.com',
      placedAt: new Date('2026-10-19T22:45:00Z'),
    });
    expect((await service.getCustomer('cus_mkt_0001'))?.stats.orderCount).toBe(2);
    expect(
      (await service.getCustomer(guestCustomerId('gift.buyer@example.org')))?.recentOrders.map((o) => o.orderId),
    ).toEqual(['MKT-70003']);
  });

  it('imports the CSV sample: one row per line item, bad orders reported by line, column and field', async () => {
    const result = await importOrders(service, { file: csv });
    expect(result).toMatchObject({ lines: 15, orders: 9, ingested: 4 });
    expect(summarize(result.rejected)).toEqual([
      [7, 'MKT-80003', ['8/item_unit_price/lineItems.1.unitPrice: must be a whole number of minor units (cents)']],
      [9, 'MKT-80004', ['9/customer_email/customer.email: missing (expected string)']],
      [
        11,
        'MKT-80006',
        ['11/ship_country/shippingAddress.country: must be a two-letter ISO 3166 country code such as CA'],
      ],
      [
        12,
        'MKT-80007',
        [
          `13/customer_email/customer.email: differs from line 12, the order's first row ("someone.else@example.com" vs "huang.jiahao@example.com"); leave order columns empty on later rows or repeat them exactly`,
        ],
      ],
      [
        14,
        'MKT-80008',
        [
          '14/-/-: has 21 fields but the header has 26',
          '14/item_sku/lineItems.0.sku: missing (expected string)',
          '14/item_name/lineItems.0.name: missing (expected string)',
          '14/item_quantity/lineItems.0.quantity: missing (expected number)',
          '14/item_unit_price/lineItems.0.unitPrice: missing (expected number)',
        ],
      ],
    ]);
    const order = await service.getOrder('MKT-80002');
    expect(order?.lineItems.map((item) => [item.sku, item.quantity, item.unitPrice])).toEqual([
      ['TEA-LJG-100', 2, 2400],
      ['TEA-DHP-50', 1, 2900],
      ['WARE-GAI-150', 1, 2800],
    ]);
    expect(order?.totals).toEqual({
      subtotal: 10_500,
      shipping: 1995,
      tax: 0,
      discount: 0,
      total: 12_495,
      refunded: 0,
    });
    expect((await service.getOrder('MKT-80001'))?.shipments[0]).toMatchObject({ carrier: 'UPS', status: 'delivered' });
  });

  it('changes nothing when the same files are imported again', async () => {
    const snapshot = async () => ({
      orders: await service.models.Orders.find({}).sort({ _id: 1 }).lean(),
      customers: (await service.models.Customers.find({}).sort({ _id: 1 }).lean()).map(
        ({ updatedAt: _u, version: _v, ...rest }) => rest,
      ),
    });
    const before = await snapshot();
    expect(before.orders).toHaveLength(10);
    const again = await importOrders(service, { file: jsonl });
    expect(again).toMatchObject({ orders: 11, ingested: 6 });
    expect(again.rejected).toHaveLength(5);
    await importOrders(service, { file: csv });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a missing file, a directory and an unknown file type before reading anything', async () => {
    await expect(importOrders(service, { file: path.join(scratch, 'nope.jsonl') })).rejects.toThrow(ImportFileError);
    await expect(importOrders(service, { file: path.join(scratch, 'nope.jsonl') })).rejects.toThrow(
      /Cannot read .*nope\.jsonl: no such file/,
    );
    await expect(importOrders(service, { file: fixtures })).rejects.toThrow(/is a directory/);
    const text = path.join(scratch, 'orders.txt');
    writeFileSync(text, '{}\n');
    await expect(importOrders(service, { file: text })).rejects.toThrow(
      /unknown file type "\.txt"; use \.jsonl .* or \.csv/,
    );
  });

  it('refuses a CSV whose header does not fit the layout, writing nothing', async () => {
    const bad = path.join(scratch, 'bad-header.csv');
    writeFileSync(bad, 'order_number,placed_at,customer_mail\nZ-1,2026-10-01,z@example.com\n');
    const before = await service.models.Orders.countDocuments();
    await expect(importOrders(service, { file: bad })).rejects.toThrow(CsvHeaderError);
    expect(await service.models.Orders.countDocuments()).toBe(before);
  });

  it('counts lines for the progress bar, with or without a final newline', async () => {
    expect(await countLines(jsonl)).toBe(12);
    const noNewline = path.join(scratch, 'two.jsonl');
    writeFileSync(noNewline, '{}\n{}');
    expect(await countLines(noNewline)).toBe(2);
  });

  it('imports a Shopify bulk export (--format shopify): ids exact, bad orders by line and Shopify field, purchases and standings told', async () => {
    const file = path.join(scratch, 'shopify-export.jsonl');
    const lines = [
      shopifyJson(shopifyOrder({ id: '820982911946160001', name: '#6001', customerId: '820982911946160002', email: 'six.one@example.com', price: '120.00' })),
      shopifyJson({ ...shopifyOrder({ name: '#6002', email: 'six.two@example.com' }), line_items: [] }),
      shopifyJson(shopifyOrder({ id: '820982911946160003', name: '#6003', customerId: '820982911946160002', email: 'six.one@example.com', price: '9.999' })),
      shopifyJson(shopifyOrder({ id: '820982911946160004', name: '#6004', customerId: '820982911946160002', email: 'six.one@example.com', price: '30.00', createdAt: '2026-11-22T10:00:00Z' })),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const batches: IngestedBatch[] = [];
    const result = await importOrders(service, { file, source: 'shopify', onIngested: async (batch) => void batches.push(batch) });
    expect(result).toMatchObject({ lines: 4, orders: 4, ingested: 2 });
    expect(result.file.format).toBe('shopify');
    expect(summarize(result.rejected)).toEqual([
      [2, null, ['2/-/-: Shopify order: line_items: Too small: expected array to have >=1 items']],
      [3, null, ['3/-/-: total_price: USD has 2 decimal places, "9.999" has more']],
    ]);
    const customer = await service.getCustomer('820982911946160002');
    expect(customer?.stats).toMatchObject({ orderCount: 2, totalSpent: 15_000 });
    expect(batches.flatMap((batch) => batch.purchases.map((purchase) => purchase.customerId))).toEqual(['820982911946160002', '820982911946160002']);
    expect(batches.flatMap((batch) => batch.standingChanged)).toEqual(['820982911946160002']);
    await expect(importOrders(service, { file: path.join(fixtures, 'orders-sample.csv'), source: 'shopify' })).rejects.toThrow(
      /give the bulk export's \.jsonl file/,
    );
  });
});
