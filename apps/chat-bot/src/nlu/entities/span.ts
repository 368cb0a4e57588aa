/** A piece of a message that an extractor recognised: `[start, end)` in UTF-16 units, and its value. */
export interface Span<Value> {
  start: number;
  end: number;
  value: Value;
}

/** True when `span` shares a character with any of `taken`. */
export function overlapsAny(
  span: { start: number; end: number },
  taken: readonly { start: number; end: number }[],
): boolean {
  return taken.some((other) => span.start < other.end && other.start < span.end);
}
