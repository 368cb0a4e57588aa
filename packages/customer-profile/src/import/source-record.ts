/** Where a problem is in the file: a line, and for CSV the column. */
export interface SourceLocation {
  line: number;
  column?: string;
}

/** One problem with an order: where it is, which field (the zod path) and what is wrong. */
export interface ImportProblem extends SourceLocation {
  field?: string;
  message: string;
}

/** One order as read from a file, before validation. */
export interface SourceOrder {
  kind: 'order';
  /** The line the order starts on (its JSONL line, or its first CSV row). */
  line: number;
  /** The order number as written, when there is one. */
  number?: string;
  input: unknown;
  /** Problems found while reading (a CSV row that disagrees with the order's first row, bad JSON in a cell). */
  problems: ImportProblem[];
  /** Maps a zod path in `input` back to the file. */
  locate(path: ReadonlyArray<PropertyKey>): SourceLocation;
}

/** Text that could not be read as an order at all (bad JSON, broken CSV quoting). */
export interface UnreadableRecord {
  kind: 'unreadable';
  line: number;
  message: string;
}

export type SourceRecord = SourceOrder | UnreadableRecord;

/** The order number as the schema will read it ("#1042" → "1042"), for grouping and messages. */
export function normalizeOrderNumber(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim().replace(/^#/, '');
  return text === '' ? undefined : text;
}
