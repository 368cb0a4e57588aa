export type Cell = string | number;

/**
 * Renders rows as aligned columns: text left-aligned, numbers right-aligned (so digits line up).
 * @example formatTable(['read', 'p50 µs'], [['getOrder', 812.4]])
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: { indent?: string } = {},
): string {
  const numeric = headers.map(
    (_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number' || row[column] === '—'),
  );
  const text = rows.map((row) => headers.map((_, column) => formatCell(row[column])));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...text.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    (options.indent ?? '') +
    cells
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        return numeric[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = (options.indent ?? '') + widths.map((width) => '─'.repeat(width)).join('  ');
  return [line(headers), rule, ...text.map(line)].join('\n');
}

function formatCell(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  return formatNumber(cell);
}

/** A number for humans: thousands separated, at most one decimal at and above 100, two below, three below 1. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = Number.isInteger(value) ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "10k", "1M", "250k", "1.5M": a collection size as the tables and measure names show it. */
export function formatCount(count: number): string {
  if (count >= 1_000_000 && count % 100_000 === 0) return `${count / 1_000_000}M`;
  if (count >= 1000 && count % 1000 === 0) return `${count / 1000}k`;
  return String(count);
}
