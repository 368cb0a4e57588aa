import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { OrdersIngestedJob } from '@loyaldesk/contracts/orders-ingested';
import { AppError } from '@loyaldesk/platform/errors';
import { orderInputSchema, type ParsedOrderInput } from '../schemas/order.ts';
import type { CustomerProfileService, IngestedPurchase } from '../service/customer-profile-service.ts';
import { decodeShopifyOrderLine } from '../sources/shopify/shopify-order-mapping.ts';
import { readCsvOrders } from './read-csv.ts';
import { readJsonlOrders } from './read-jsonl.ts';
import type { ImportProblem, SourceOrder, SourceRecord } from './source-record.ts';

/** jsonl: our order JSON a line; csv: a row per line item; shopify: Shopify's order JSON a line (its bulk export). */
export type ImportFormat = 'jsonl' | 'csv' | 'shopify';

/** The file cannot be imported at all (missing, unreadable, wrong type); nothing was read. */
export class ImportFileError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('import_file_unreadable', message, { status: 400, cause });
  }
}

/** A file ready to import: its absolute path, format and size. */
export interface ImportFile {
  path: string;
  format: ImportFormat;
  bytes: number;
}

/**
 * Checks that `file` exists, is a readable regular file and is .jsonl/.ndjson or .csv (or, with
 * `source` shopify, JSON Lines of Shopify orders); throws ImportFileError naming the problem.
 */
export async function inspectImportFile(file: string, source?: 'shopify'): Promise<ImportFile> {
  const absolute = path.resolve(file);
  const extension = path.extname(absolute).toLowerCase();
  const format: ImportFormat | undefined =
    extension === '.jsonl' || extension === '.ndjson' ? 'jsonl' : extension === '.csv' ? 'csv' : undefined;
  let bytes: number;
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) throw new ImportFileError(`${file} is a directory; give the path of a .jsonl or .csv file`);
    bytes = info.size;
    await access(absolute, constants.R_OK);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new ImportFileError(`Cannot read ${file}: ${reason}`, error);
  }
  if (!format) {
    throw new ImportFileError(
      `Cannot import ${file}: unknown file type "${extension || '(none)'}"; use .jsonl (one order per line) or .csv (one row per line item)`,
    );
  }
  if (source === 'shopify') {
    if (format !== 'jsonl') throw new ImportFileError(`Cannot import ${file} as Shopify orders: give the bulk export's .jsonl file (one order per line)`);
    return { path: absolute, format: 'shopify', bytes };
  }
  return { path: absolute, format, bytes };
}

/** zod's wording, except that a missing field says so plainly (an empty CSV cell, a key left out). */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `missing (expected ${issue.expected})`;
  return issue.message;
}

/** One order the import refused, with every problem found in it. */
export interface ImportRejection {
  /** The line the order starts on. */
  line: number;
  order?: string;
  code: string;
  problems: ImportProblem[];
}

export interface ImportProgress {
  /** Lines of the file read so far. */
  lines: number;
  orders: number;
  ingested: number;
  rejected: number;
}

export interface ImportResult {
  file: ImportFile;
  lines: number;
  /** Orders found in the file (accepted or not), plus unreadable lines. */
  orders: number;
  ingested: number;
  /** By line; reading never stops on a bad order. */
  rejected: ImportRejection[];
}

export interface ImportOrdersOptions {
  file: string;
  /** Orders per bulk write. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Told of each stored batch's purchases and of the customers whose tier or value moved (the
   * import waits for it): the desk records the purchases and re-ranks those customers' open
   * tickets, as for an order webhook.
   */
  onIngested?: (batch: IngestedBatch) => Promise<void>;
  /** Read the file as another source's orders (a Shopify bulk export) instead of ours. */
  source?: 'shopify';
}

/** What one stored batch means beyond the orders: purchases and customers whose standing moved. */
export interface IngestedBatch {
  purchases: readonly IngestedPurchase[];
  standingChanged: readonly string[];
}

/** A stored batch as the `orders.ingested` job ticketing applies (see `@loyaldesk/contracts/orders-ingested`). */
export function ordersIngestedJobOf(batch: IngestedBatch): OrdersIngestedJob {
  return {
    purchases: batch.purchases.map(({ customerId, placedAt }) => ({ customerId, placedAt: placedAt.toISOString() })),
    standingChanged: [...batch.standingChanged],
  };
}

/**
 * Imports a JSONL or CSV file of orders (layouts in index.ts): streams it, validates each order
 * with the order schema, ingests the valid ones in batches through `bulkIngestOrders` (so an
 * import run twice changes nothing the second time), and collects every rejected order with its
 * line and the zod path of each bad field instead of stopping. Throws ImportFileError when the
 * file cannot be read at all, and CsvHeaderError when a CSV header does not fit the layout.
 */
export async function importOrders(
  service: CustomerProfileService,
  options: ImportOrdersOptions,
): Promise<ImportResult> {
  const file = await inspectImportFile(options.file, options.source);
  const batchSize = options.batchSize ?? 1000;
  const result: ImportResult = { file, lines: 0, orders: 0, ingested: 0, rejected: [] };
  const report = (): void =>
    options.onProgress?.({
      lines: result.lines,
      orders: result.orders,
      ingested: result.ingested,
      rejected: result.rejected.length,
    });
  const onLine = (line: number): void => {
    result.lines = line;
  };

  const stream = createReadStream(file.path);
  const records: AsyncGenerator<SourceRecord> =
    file.format === 'jsonl'
      ? readJsonlOrders(stream, onLine)
      : file.format === 'shopify'
        ? readJsonlOrders(stream, onLine, decodeShopifyOrderLine)
        : readCsvOrders(stream, onLine);

  let batch: Array<{ source: SourceOrder; order: ParsedOrderInput }> = [];
  let inFlight: Promise<void> | undefined;
  const write = async (entries: Array<{ source: SourceOrder; order: ParsedOrderInput }>): Promise<void> => {
    const outcome = await service.bulkIngestOrders(entries.map((entry) => entry.order));
    result.ingested += outcome.ingested;
    if (options.onIngested && (outcome.purchases.length > 0 || outcome.standingChanged.length > 0)) {
      await options.onIngested({ purchases: outcome.purchases, standingChanged: outcome.standingChanged });
    }
    for (const { index, error } of outcome.rejected) {
      const entry = entries[index];
      if (!entry) continue;
      const location = error.field ? entry.source.locate(error.field.split('.')) : { line: entry.source.line };
      result.rejected.push({
        line: entry.source.line,
        ...(entry.source.number ? { order: entry.source.number } : {}),
        code: error.code,
        // The service prefixes "Invalid order: <field>: "; the report shows the field on its own.
        problems: [
          {
            ...location,
            ...(error.field ? { field: error.field } : {}),
            message: error.message.replace(/^Invalid order: [\w.]+: /, ''),
          },
        ],
      });
    }
    report();
  };
  // One batch is written while the next is read; writes stay in file order, so of two versions of
  // an order with the same updatedAt, the earlier line is the one kept.
  const flush = async (): Promise<void> => {
    await inFlight;
    if (batch.length === 0) return;
    inFlight = write(batch);
    inFlight.catch(() => undefined);
    batch = [];
  };

  try {
    for await (const record of records) {
      result.orders++;
      if (result.orders % 250 === 0) report();
      if (record.kind === 'unreadable') {
        result.rejected.push({
          line: record.line,
          code: 'loyaldesk:import_unreadable',
          problems: [{ line: record.line, message: record.message }],
        });
        continue;
      }
      const parsed = orderInputSchema.safeParse(record.input, { reportInput: true });
      const problems = [...record.problems];
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push({
            ...record.locate(issue.path),
            ...(issue.path.length > 0 ? { field: issue.path.join('.') } : {}),
            message: describeIssue(issue),
          });
        }
      }
      if (problems.length > 0 || !parsed.success) {
        result.rejected.push({
          line: record.line,
          ...(record.number ? { order: record.number } : {}),
          code: 'loyaldesk:validation_failed',
          problems: problems.sort((a, b) => a.line - b.line),
        });
        continue;
      }
      batch.push({ source: record, order: parsed.data });
      if (batch.length >= batchSize) {
        await flush();
        report();
      }
    }
    await flush();
    await inFlight;
  } catch (error) {
    // A read or write error midway ends the import; what was written stays written, and running
    // the import again picks up the rest (re-ingesting the written orders is a no-op).
    await inFlight?.catch(() => undefined);
    throw error;
  } finally {
    stream.destroy();
  }
  result.rejected.sort((a, b) => a.line - b.line);
  report();
  return result;
}
