import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { orderFromRows, readCsvHeader, type CsvColumn, type CsvRow } from './csv-layout.ts';
import { normalizeOrderNumber, type SourceOrder, type SourceRecord } from './source-record.ts';

/**
 * Reads the CSV layout (one row per line item, see index.ts) and yields one record per order:
 * consecutive rows with the same order number form one order. Streams in constant memory;
 * `onLine` reports the line reached. Throws CsvHeaderError when the header does not fit.
 * Line numbers are where a row ends, which is where it starts unless a quoted cell spans lines.
 */
export async function* readCsvOrders(input: Readable, onLine?: (line: number) => void): AsyncGenerator<SourceRecord> {
  const unreadable: Array<{ line: number; message: string }> = [];
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      // The raw text of a skipped record says which lines a never-closed quote swallowed.
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // A row with broken quoting is reported and skipped, and the rest of the file still read.
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        if (error) unreadable.push(describeSkip(error, raw));
        return undefined;
      },
    }),
  );

  let header: CsvColumn[] | undefined;
  let group: { number: string | undefined; rows: [CsvRow, ...CsvRow[]]; problems: SourceOrder['problems'] } | undefined;
  let afterUnreadable = false;

  const finish = (): SourceOrder | undefined => {
    if (!group) return undefined;
    const built = orderFromRows(group.rows);
    const order: SourceOrder = {
      kind: 'order',
      line: group.rows[0].line,
      ...(group.number ? { number: group.number } : {}),
      input: built.input,
      problems: [...group.problems, ...built.problems].sort((a, b) => a.line - b.line),
      locate: built.locate,
    };
    group = undefined;
    return order;
  };

  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    onLine?.(info.lines);
    if (unreadable.length > 0) {
      afterUnreadable = true;
      for (const skipped of unreadable.splice(0)) yield { kind: 'unreadable', ...skipped };
    }
    if (!header) {
      header = readCsvHeader(record);
      continue;
    }
    const cells: CsvRow['cells'] = {};
    header.forEach((column, index) => {
      const text = record[index]?.trim();
      if (text) cells[column] = text;
    });
    const row: CsvRow = { line: info.lines, cells };
    const number = normalizeOrderNumber(cells.order_number);
    const problems: SourceOrder['problems'] = [];
    if (record.length !== header.length) {
      problems.push({ line: row.line, message: `has ${record.length} fields but the header has ${header.length}` });
    }

    if (group && number !== undefined && number === group.number) {
      // A row lost to broken quoting between two rows of this order may have been one of its items.
      if (afterUnreadable)
        group.problems.push({ line: row.line, message: 'an earlier row of this order could not be read' });
      group.rows.push(row);
      group.problems.push(...problems);
    } else {
      const done = finish();
      if (done) yield done;
      group = { number, rows: [row], problems };
    }
    afterUnreadable = false;
  }
  for (const skipped of unreadable.splice(0)) yield { kind: 'unreadable', ...skipped };
  const last = finish();
  if (last) yield last;
}

function describeSkip(error: CsvError, raw: string | undefined): { line: number; message: string } {
  const reported = (error as CsvError & { lines?: unknown }).lines;
  const end = typeof reported === 'number' ? reported : 0;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED' && raw) {
    // The parser read from the opening quote to the end of the file looking for its match.
    const newlines = raw.split('\n').length - 1;
    const start = end - newlines + (raw.endsWith('\n') ? 1 : 0);
    return {
      line: start,
      message: `a quoted cell opened on line ${start} is never closed, so lines ${start}–${end} could not be read`,
    };
  }
  return { line: end, message: `unreadable CSV row: ${error.message}` };
}
