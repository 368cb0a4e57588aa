import { AppError } from '@loyaldesk/platform/errors';
import type { ImportProblem, SourceLocation } from './source-record.ts';

// The CSV layout: one row per line item, as shop platforms export orders. Order-level columns
// are read from an order's first row; later rows of the same order may leave them empty or repeat
// them, but may not contradict them. See index.ts for the full description.

/** Order-level columns and the order field each fills (a dotted path into the order input). */
export const orderColumns = {
  order_number: 'number',
  placed_at: 'placedAt',
  updated_at: 'updatedAt',
  status: 'status',
  currency: 'currency',
  customer_id: 'customer.id',
  customer_email: 'customer.email',
  customer_name: 'customer.name',
  customer_locale: 'customer.locale',
  ship_name: 'shippingAddress.name',
  ship_line1: 'shippingAddress.line1',
  ship_city: 'shippingAddress.city',
  ship_region: 'shippingAddress.region',
  ship_postal_code: 'shippingAddress.postalCode',
  ship_country: 'shippingAddress.country',
  subtotal: 'totals.subtotal',
  shipping: 'totals.shipping',
  tax: 'totals.tax',
  discount: 'totals.discount',
  total: 'totals.total',
  refunded: 'totals.refunded',
  shipments: 'shipments',
} as const;

/** Line-item columns (one item per row) and the item field each fills. */
export const itemColumns = {
  item_sku: 'sku',
  item_name: 'name',
  item_quantity: 'quantity',
  item_unit_price: 'unitPrice',
} as const;

type OrderColumn = keyof typeof orderColumns;
type ItemColumn = keyof typeof itemColumns;
export type CsvColumn = OrderColumn | ItemColumn;

/** Columns the header must have: every field an order cannot do without. */
export const requiredColumns: readonly CsvColumn[] = [
  'order_number',
  'placed_at',
  'status',
  'currency',
  'customer_email',
  'subtotal',
  'total',
  'item_sku',
  'item_name',
  'item_quantity',
  'item_unit_price',
];

const numericColumns = new Set<CsvColumn>([
  'subtotal',
  'shipping',
  'tax',
  'discount',
  'total',
  'refunded',
  'item_quantity',
  'item_unit_price',
]);
const allColumns = new Set<string>([...Object.keys(orderColumns), ...Object.keys(itemColumns)]);
const isOrderColumn = (name: string): name is OrderColumn => name in orderColumns;

/** The file's header does not fit the layout; the whole file is refused (its rows would be misread). */
export class CsvHeaderError extends AppError {
  constructor(message: string) {
    super('import_csv_header', message, { status: 400 });
  }
}

/** Checks a header row and returns the column each position holds. */
export function readCsvHeader(cells: readonly string[]): CsvColumn[] {
  const names = cells.map((cell) => cell.trim().toLowerCase());
  const unknown = names.filter((name) => !allColumns.has(name));
  const missing = requiredColumns.filter((name) => !names.includes(name));
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  const problems = [
    unknown.length > 0
      ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}`
      : '',
    missing.length > 0 ? `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '',
    repeated.length > 0 ? `repeated column${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new CsvHeaderError(
      `The CSV header (line 1) does not fit the import layout: ${problems.join('; ')}. ` +
        `Expected columns: ${[...allColumns].join(', ')}; required: ${requiredColumns.join(', ')}.`,
    );
  }
  return names as CsvColumn[];
}

/** One data row: its line and its cells by column, empty cells left out. */
export interface CsvRow {
  line: number;
  cells: Partial<Record<CsvColumn, string>>;
}

/** Numbers as numbers, anything else as written, so the schema names the problem ("12.99" is not whole cents). */
function cellValue(column: CsvColumn, text: string): unknown {
  return numericColumns.has(column) && /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = (target[head] ??= {}) as Record<string, unknown>;
  setPath(child, rest.join('.'), value);
}

/** Builds one order input from its rows (first row: order fields; every row: one line item). */
export function orderFromRows(rows: readonly [CsvRow, ...CsvRow[]]): {
  input: Record<string, unknown>;
  problems: ImportProblem[];
  locate: (path: ReadonlyArray<PropertyKey>) => SourceLocation;
} {
  const [first] = rows;
  const input: Record<string, unknown> = {};
  const problems: ImportProblem[] = [];
  for (const [column, text] of Object.entries(first.cells) as Array<[CsvColumn, string]>) {
    if (!isOrderColumn(column)) continue;
    if (column === 'shipments') {
      try {
        input['shipments'] = JSON.parse(text);
      } catch (error) {
        problems.push({
          line: first.line,
          column,
          field: 'shipments',
          message: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
        });
      }
      continue;
    }
    setPath(input, orderColumns[column], cellValue(column, text));
  }
  input['lineItems'] = rows.map((row) => {
    const item: Record<string, unknown> = {};
    for (const column of Object.keys(itemColumns) as ItemColumn[]) {
      const text = row.cells[column];
      if (text !== undefined) item[itemColumns[column]] = cellValue(column, text);
    }
    return item;
  });
  for (const row of rows.slice(1)) {
    for (const [column, text] of Object.entries(row.cells) as Array<[CsvColumn, string]>) {
      const expected = first.cells[column];
      // order_number already matched (as normalized: "#1042" is "1042") or the row would not be here.
      if (isOrderColumn(column) && column !== 'order_number' && text !== expected) {
        problems.push({
          line: row.line,
          column,
          field: orderColumns[column],
          message: `differs from line ${first.line}, the order's first row ("${text}" vs "${expected ?? ''}"); leave order columns empty on later rows or repeat them exactly`,
        });
      }
    }
  }

  const columnOf = new Map<string, OrderColumn>(
    Object.entries(orderColumns).map(([column, field]) => [field, column as OrderColumn]),
  );
  const itemColumnOf = new Map<string, ItemColumn>(
    Object.entries(itemColumns).map(([column, field]) => [field, column as ItemColumn]),
  );
  const locate = (path: ReadonlyArray<PropertyKey>): SourceLocation => {
    const [head, index, field] = path;
    if (head === 'lineItems' && typeof index === 'number') {
      const row = rows[index] ?? first;
      const column = typeof field === 'string' ? itemColumnOf.get(field) : undefined;
      return { line: row.line, ...(column ? { column } : {}) };
    }
    if (head === 'shipments') return { line: first.line, column: 'shipments' };
    // The deepest field that has a column: totals.refunded → refunded; shippingAddress → (none).
    for (let depth = Math.min(path.length, 2); depth > 0; depth--) {
      const column = columnOf.get(path.slice(0, depth).map(String).join('.'));
      if (column) return { line: first.line, column };
    }
    return { line: first.line };
  };
  return { input, problems, locate };
}
