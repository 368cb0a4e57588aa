// JSON text the fuzzer controls byte by byte: fragments no JavaScript value serialises to (deep
// nesting written out, invalid UTF-8, NaN, 1e309, duplicate keys), mixed into ordinary values.

/** Bytes written into the JSON text exactly as they are (may make it invalid JSON on purpose). */
export class RawJson {
  constructor(
    readonly bytes: Buffer,
    /** What it is, for reports. */
    readonly label: string,
  ) {}
}

/** An object written with its entries as listed, repeated keys included. */
export class DuplicateKeys {
  constructor(readonly entries: ReadonlyArray<readonly [string, unknown]>) {}
}

/** Whether a value holds a fragment only raw bytes can carry (so a socket must send a raw frame). */
export function needsRawText(value: unknown, depth = 0): boolean {
  if (value instanceof RawJson || value instanceof DuplicateKeys) return true;
  if (depth > 50 || typeof value !== 'object' || value === null) return false;
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => needsRawText(child, depth + 1));
}

/**
 * The JSON text of a value, with {@link RawJson} and {@link DuplicateKeys} written as they are.
 * Own `__proto__` keys are written like any key (JSON.stringify would too).
 * @example encodeJson({ a: new RawJson(Buffer.from('1e309'), 'big') }).toString() // '{"a":1e309}'
 */
export function encodeJson(value: unknown): Buffer {
  const chunks: Buffer[] = [];
  const write = (node: unknown, depth: number): void => {
    if (node instanceof RawJson) {
      chunks.push(node.bytes);
      return;
    }
    if (node instanceof DuplicateKeys) {
      chunks.push(Buffer.from('{'));
      node.entries.forEach(([key, child], index) => {
        chunks.push(Buffer.from(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:`));
        write(child, depth + 1);
      });
      chunks.push(Buffer.from('}'));
      return;
    }
    if (depth > 200 || !needsRawText(node)) {
      chunks.push(Buffer.from(JSON.stringify(node) ?? 'null'));
      return;
    }
    if (Array.isArray(node)) {
      chunks.push(Buffer.from('['));
      node.forEach((child: unknown, index) => {
        if (index > 0) chunks.push(Buffer.from(','));
        write(child, depth + 1);
      });
      chunks.push(Buffer.from(']'));
      return;
    }
    const entries = Object.entries(node as Record<string, unknown>);
    write(new DuplicateKeys(entries), depth);
  };
  write(value, 0);
  return Buffer.concat(chunks);
}

/** A short, printable description of a payload for failure reports. */
export function describePayload(value: unknown, maxLength = 300): string {
  try {
    const text = encodeJson(value).toString('utf8');
    return text.length > maxLength ? `${text.slice(0, maxLength)}… (${text.length} chars)` : text;
  } catch (error) {
    return `<unprintable: ${error instanceof Error ? error.message : String(error)}>`;
  }
}
