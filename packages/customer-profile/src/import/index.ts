/**
 * Bulk order import (`npm run import -- <file>`): JSON Lines or CSV, streamed in constant memory,
 * every order validated with `orderInputSchema`, the valid ones ingested in batches through
 * `bulkIngestOrders`, the invalid ones reported with their line and the zod path of each bad
 * field. Reading never stops at a bad order, and importing the same file twice changes nothing
 * the second time (ingestion is idempotent; an order with a newer `updatedAt` replaces the older).
 *
 * ## JSONL (`.jsonl`, `.ndjson`)
 *
 * One order per line, exactly the object the order webhook takes (`OrderInput` in
 * schemas/order.ts); blank lines are skipped. Amounts are integers in minor units (cents).
 *
 * ```json
 * {"number":"MKT-70001","customer":{"id":"cus_mkt_0001","email":"hannah.fischer@example.com","name":"Hannah Fischer","locale":"en-US"},"placedAt":"2026-10-02T14:21:09Z","status":"delivered","currency":"USD","lineItems":[{"sku":"TEA-JAS-100","name":"Jasmine Pearls Green Tea, 100 g","quantity":2,"unitPrice":1800}],"totals":{"subtotal":3600,"shipping":695,"tax":324,"total":4619},"shipments":[]}
 * ```
 *
 * ## CSV (`.csv`)
 *
 * One row per line item, as shop platforms export orders. A header row names the columns, in any
 * order; rows of one order are consecutive and each carries its `order_number`. The order columns
 * are read from the order's first row; later rows of that order may leave them empty or repeat
 * them exactly, but a different value rejects the order (two orders merged by mistake).
 *
 * | column | order field | notes |
 * |---|---|---|
 * | order_number * | number | "#1042" and "1042" are the same order |
 * | placed_at * | placedAt | ISO 8601, e.g. 2026-10-02T14:21:09Z |
 * | updated_at | updatedAt | the source's last change; defaults to placed_at |
 * | status * | status | pending, paid, processing, partially_shipped, shipped, delivered, cancelled, refunded |
 * | currency * | currency | the shop currency (USD) |
 * | customer_id | customer.id | empty for a guest checkout |
 * | customer_email * | customer.email | |
 * | customer_name, customer_locale | customer.name, customer.locale | locale in BCP 47, e.g. zh-TW |
 * | ship_name, ship_line1, ship_city, ship_region, ship_postal_code, ship_country | shippingAddress.* | country: ISO 3166 alpha-2; all empty: no address |
 * | subtotal *, shipping, tax, discount, total *, refunded | totals.* | whole cents |
 * | item_sku *, item_name *, item_quantity *, item_unit_price * | lineItems[n].* | one item per row; price in whole cents |
 * | shipments | shipments | a JSON array of shipments (with tracking events), on the first row |
 *
 * (* = the header must have the column.) A header with unknown, missing or repeated columns
 * refuses the whole file before anything is written. Line numbers in reports are where a row
 * ends, which is where it starts unless a quoted cell spans lines.
 *
 * Samples with deliberate mistakes: `fixtures/orders-sample.jsonl` and `fixtures/orders-sample.csv`
 * (what is wrong with them is in `fixtures/README.md`).
 */
export {
  importOrders,
  inspectImportFile,
  ordersIngestedJobOf,
  ImportFileError,
  type ImportFile,
  type ImportFormat,
  type IngestedBatch,
  type ImportOrdersOptions,
  type ImportProgress,
  type ImportRejection,
  type ImportResult,
} from './import-orders.ts';
export { CsvHeaderError, itemColumns, orderColumns, requiredColumns } from './csv-layout.ts';
export { readCsvOrders } from './read-csv.ts';
export { readJsonlOrders } from './read-jsonl.ts';
export type { ImportProblem, SourceLocation, SourceOrder, SourceRecord } from './source-record.ts';
export { countLines } from './count-lines.ts';
export { importUsage, parseImportArgs, type ImportArgs } from './import-args.ts';
