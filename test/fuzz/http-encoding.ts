import fc from 'fast-check';
import { deepNesting, hostileValue, stringTraps } from './hostile-values.ts';
import { encodeJson, RawJson } from './raw-json.ts';

// How a generated value becomes bytes on the wire: the JSON body (valid, truncated, invalid
// UTF-8, wrong content type or charset, bogus content encoding) and percent-encoded URL parts.

/** A body as sent, with the headers that describe it and a name for the variation. */
export interface EncodedBody {
  body: Buffer | undefined;
  headers: Record<string, string>;
  shape: string;
}

type BodyVariant =
  | { kind: 'json' }
  | { kind: 'truncated'; at: number }
  | { kind: 'invalid-utf8'; at: number }
  | { kind: 'content-type'; contentType: string | null }
  | { kind: 'charset'; charset: string }
  | { kind: 'content-encoding'; encoding: string }
  | { kind: 'empty' }
  | { kind: 'raw-document'; text: RawJson };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

const rawDocuments: readonly RawJson[] = [
  deepNesting(10_000, 'array'),
  deepNesting(10_000, 'object'),
  new RawJson(Buffer.from('null'), 'null document'),
  new RawJson(Buffer.from('"just a string"'), 'string document'),
  new RawJson(Buffer.from('1e309'), '1e309 document'),
  new RawJson(Buffer.from('NaN'), 'NaN document'),
  new RawJson(Buffer.from('{'), 'lone brace'),
  new RawJson(Buffer.from('[1,2'), 'unterminated array'),
  new RawJson(Buffer.from('\ufeff{}'), 'BOM then {}'),
  new RawJson(Buffer.from('{"a":1}garbage'), 'trailing garbage'),
  new RawJson(Buffer.from('{"a":1}{"b":2}'), 'two documents'),
  new RawJson(Buffer.from("{'a':1}"), 'single quotes'),
  new RawJson(Buffer.from('{a:1}'), 'bare keys'),
  new RawJson(Buffer.from('{"a":1,}'), 'trailing comma'),
  new RawJson(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), 'UTF-16 bytes'),
  new RawJson(Buffer.alloc(0), 'empty document'),
];

const bodyVariant: fc.Arbitrary<BodyVariant> = fc.oneof(
  { weight: 24, arbitrary: fc.constant({ kind: 'json' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncated' as const), at: fraction }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('invalid-utf8' as const), at: fraction }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('content-type' as const),
      contentType: fc.constantFrom(
        null,
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz',
        'application/xml',
        'application/json-patch+json',
        'application/vnd.api+json',
        '*/*',
        'application/json; charset=utf-8; charset=latin1',
        'application/json;;;',
        'json',
        '',
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('charset' as const), charset: fc.constantFrom('utf-16', 'latin1', 'gbk', 'utf-7', 'koi8-r', 'bogus') }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('content-encoding' as const), encoding: fc.constantFrom('gzip', 'deflate', 'br', 'x-gzip', 'identity', 'compress', 'gzip, gzip', 'zstd') }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('raw-document' as const), text: fc.constantFrom(...rawDocuments) }) },
);

const invalidUtf8 = Buffer.from([0xff, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]);

function encode(value: unknown, variant: BodyVariant): EncodedBody {
  const json = { 'content-type': 'application/json' };
  switch (variant.kind) {
    case 'json':
      return { body: encodeJson(value), headers: json, shape: 'json' };
    case 'truncated': {
      const full = encodeJson(value);
      return { body: full.subarray(0, Math.floor(full.length * variant.at)), headers: json, shape: 'truncated json' };
    }
    case 'invalid-utf8': {
      const full = encodeJson(value);
      // Right after a quote when there is one: inside a string, where a lenient decoder would keep it.
      const at = Math.floor(full.length * variant.at);
      const quote = full.indexOf(0x22, at);
      const cut = quote === -1 ? at : quote + 1;
      return { body: Buffer.concat([full.subarray(0, cut), invalidUtf8, full.subarray(cut)]), headers: json, shape: 'invalid utf-8' };
    }
    case 'content-type':
      return {
        body: encodeJson(value),
        headers: variant.contentType === null ? {} : { 'content-type': variant.contentType },
        shape: `content-type ${variant.contentType ?? 'none'}`,
      };
    case 'charset':
      return { body: encodeJson(value), headers: { 'content-type': `application/json; charset=${variant.charset}` }, shape: `charset ${variant.charset}` };
    case 'content-encoding':
      return { body: encodeJson(value), headers: { ...json, 'content-encoding': variant.encoding }, shape: `content-encoding ${variant.encoding}` };
    case 'empty':
      return { body: undefined, headers: json, shape: 'no body' };
    case 'raw-document':
      return { body: variant.text.bytes, headers: json, shape: variant.text.label };
  }
}

/** A value as a request body, mostly plain JSON, sometimes broken on the wire. */
export function encodedBody(value: fc.Arbitrary<unknown>): fc.Arbitrary<EncodedBody> {
  return fc.tuple(value, bodyVariant).map(([one, variant]) => encode(one, variant));
}

const unreserved = /[A-Za-z0-9\-._~]/;

/** Percent-encodes the UTF-8 bytes of a string (lone surrogates become U+FFFD, as any client sends them). */
export function percentEncode(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += byte < 0x80 && unreserved.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** Percent sequences a decoder must survive: invalid, overlong, surrogate, NUL, traversal. */
export const brokenPercentSequences: readonly string[] = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%80',
  '%ED%A0%80',
  '%00',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%FF%FE',
  'a%2Fb',
  '%252F',
  '%u0041',
];

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof RawJson) return value.bytes.toString('latin1');
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A path segment or query value: valid, known, hostile, or a broken percent sequence, encoded. */
export function urlPart(valid: fc.Arbitrary<unknown>, known: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((value) => percentEncode(textOf(value))) },
    ...(known.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...known).map(percentEncode) }] : []),
    { weight: 2, arbitrary: fc.oneof(hostileValue, fc.constantFrom(...stringTraps)).map((value) => percentEncode(textOf(value).slice(0, 4_000))) },
    { weight: 1, arbitrary: fc.constantFrom(...brokenPercentSequences) },
  );
}

/** A query string from named parts, with extra, repeated and bracketed keys mixed in. */
export function queryString(parts: Readonly<Record<string, fc.Arbitrary<string>>>, required: readonly string[] = []): fc.Arbitrary<string> {
  const names = Object.keys(parts);
  const entry = (name: string): fc.Arbitrary<string> => (parts[name] ?? fc.constant('')).map((value) => `${percentEncode(name)}=${value}`);
  const known = names.map((name) =>
    required.includes(name) ? entry(name).map((one) => [one]) : fc.option(entry(name), { freq: 3 }).map((one) => (one === null ? [] : [one])),
  );
  const extra = fc.array(
    fc.oneof(
      // The same key twice (becomes an array), a bracketed key (qs-style objects), or a stranger.
      ...(names.length > 0 ? [fc.constantFrom(...names).chain((name) => entry(name))] : []),
      fc.tuple(names.length > 0 ? fc.constantFrom(...names) : fc.constant('q'), fc.constantFrom('[$ne]', '[$gt]', '[]', '[__proto__]', '[0]')).map(([name, suffix]) => `${name}${percentEncode(suffix)}=1`),
      fc.tuple(fc.constantFrom('__proto__', 'constructor', '$where', 'a.b', 'x'), urlPart(fc.string({ maxLength: 10 }))).map(([name, value]) => `${name}=${value}`),
      fc.constantFrom(...brokenPercentSequences),
    ),
    { maxLength: 3 },
  );
  return fc.tuple(fc.tuple(...known), extra, fc.boolean()).map(([knownParts, extras, withExtras]) => {
    const all = [...knownParts.flat(), ...(withExtras ? extras : [])];
    return all.length === 0 ? '' : `?${all.join('&')}`;
  });
}
