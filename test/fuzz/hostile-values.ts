import fc from 'fast-check';
import { DuplicateKeys, RawJson } from './raw-json.ts';

// The hostile side of the fuzzer: values a careless handler would pass to MongoDB, a prototype,
// a regex or a number parser. Sizes are bounded so 16 requests in flight stay a few MB.

const raw = (text: string | Buffer, label: string): RawJson => new RawJson(typeof text === 'string' ? Buffer.from(text) : text, label);

/** JSON nested `depth` levels deep, written out (no JavaScript value is built). */
export function deepNesting(depth: number, kind: 'array' | 'object'): RawJson {
  return kind === 'array'
    ? raw(`${'['.repeat(depth)}${']'.repeat(depth)}`, `array nested ${depth} deep`)
    : raw(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, `object nested ${depth} deep`);
}

/** MongoDB query and update operators, as a value where a string or number belongs. */
export const operatorObjects: readonly unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(5000) || true' },
  { $where: 'function () { while (true) {} }' },
  { $regex: '^(a+)+$', $options: 'i' },
  { $in: [] },
  { $exists: true },
  { $expr: { $eq: [1, 1] } },
  { $function: { body: 'function () { return true }', args: [], lang: 'js' } },
  { $or: [{}, { a: { $gt: '' } }] },
  { $set: { role: 'admin' } },
  { $jsonSchema: {} },
  { 'a.$': 1, '$[]': 1 },
];

/** Objects whose own keys are `__proto__`, `constructor` or `prototype` (JSON.parse makes them own keys). */
export const prototypeKeyObjects: readonly unknown[] = [
  JSON.parse('{"__proto__":{"polluted":true,"role":"admin","isAdmin":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('{"prototype":{"polluted":true}}'),
  JSON.parse('{"__proto__":null}'),
  JSON.parse('{"__proto__":[]}'),
  JSON.parse('{"toString":"x","valueOf":1,"hasOwnProperty":null}'),
];

/** Numbers as strings (and as raw JSON literals, valid or not) that trip number parsing. */
export const numberTraps: readonly unknown[] = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '-0',
  '0x10',
  '0b11',
  '1e-400',
  '9007199254740993',
  ' 7 ',
  '1_000',
  '',
  '١٢٣',
  -0,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER + 2,
  -1,
  1.5,
  raw('1e309', '1e309 literal'),
  raw('-0', '-0 literal'),
  raw('NaN', 'NaN literal'),
  raw('Infinity', 'Infinity literal'),
  raw('1'.repeat(400), '400-digit number'),
  raw('0.' + '0'.repeat(400) + '1', 'long fraction'),
  raw('01', 'leading zero'),
];

/** Strings that are not what they look like: lone surrogates, NUL, bidi controls, injections. */
export const stringTraps: readonly unknown[] = [
  '\ud800',
  '\udfff',
  'a\ud83d',
  '\udc00\ud800',
  '\u0000',
  'a\u0000b',
  '\u202e\u2066evil',
  '\ufeff',
  '\u00e9'.normalize('NFD'),
  '😀'.repeat(100),
  'Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍A̴̵̜̰͔ͫ͗͢L̠ͨͧͩ͘G̴̻͈͍͔̹̑͗̎̅͛́Ǫ̵̹̻̝̳͂̌̌͘',
  "'; DROP TABLE tickets; --",
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  ' ',
  '\t\n\r',
  '0000-00-00',
  '2025-02-30',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '2025-01-01T00:00:00+99:99',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  raw(Buffer.from([0x22, 0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0x22]), 'invalid UTF-8 in a string'),
  raw('"\\ud800"', 'lone surrogate escape'),
  raw('"\\u0000"', 'NUL escape'),
  raw('"\\x41"', 'invalid escape'),
  raw('"a\nb"', 'raw newline in a string'),
];

const huge = fc.constantFrom(1_000, 10_000, 100_000, 300_000);

/** Big values: long strings, long arrays, wide objects (up to ~300 KB of JSON). */
export const hugeValue: fc.Arbitrary<unknown> = fc.oneof(
  huge.map((length) => 'x'.repeat(length)),
  huge.map((length) => '\u{1F600}'.repeat(Math.floor(length / 4))),
  huge.map((length) => Array.from({ length: Math.floor(length / 2) }, () => 0)),
  huge.map((length) => Object.fromEntries(Array.from({ length: Math.floor(length / 10) }, (_, index) => [`k${index}`, 1]))),
);

/** Depth 10,000 and friends, written as raw JSON. */
export const deepValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(100, 1_000, 10_000).map((depth) => deepNesting(depth, 'array')),
  fc.constantFrom(100, 1_000, 10_000).map((depth) => deepNesting(depth, 'object')),
  // Built as values too (JSON.stringify writes them): for socket emits and JSON bodies alike.
  fc.constantFrom(50, 500).map((depth) => {
    let value: unknown = 'leaf';
    for (let level = 0; level < depth; level++) value = { a: value };
    return value;
  }),
);

/** Plain values of the wrong type. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 30 }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Any hostile value: operators, prototype keys, number and string traps, huge, deep, wrong type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...operatorObjects) },
  { weight: 2, arbitrary: fc.constantFrom(...prototypeKeyObjects) },
  { weight: 3, arbitrary: fc.constantFrom(...numberTraps) },
  { weight: 4, arbitrary: fc.constantFrom(...stringTraps) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeValue },
  { weight: 1, arbitrary: deepValue },
  { weight: 4, arbitrary: wrongType },
);

/** Keys an attacker adds next to the real ones. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', '$gt', 'a.b', '$set', 'role', 'isAdmin', '_id', 'id', ''),
  fc.string({ maxLength: 12 }),
);

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof RawJson) && !(value instanceof DuplicateKeys);
}

type Mutation =
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'remove'; pick: number }
  | { kind: 'add'; key: string; value: unknown }
  | { kind: 'duplicate'; pick: number; value: unknown; hostileFirst: boolean }
  | { kind: 'descend'; pick: number; inner: Mutation };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.letrec<{ mutation: Mutation }>((tie) => ({
  mutation: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: hostileValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), key: hostileKey, value: hostileValue }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat(), value: hostileValue, hostileFirst: fc.boolean() }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('descend' as const), pick: fc.nat(), inner: tie('mutation') }) },
  ),
})).mutation;

function applyMutation(value: unknown, mutation: Mutation): unknown {
  if (Array.isArray(value) && value.length > 0 && mutation.kind !== 'add') {
    const index = ('pick' in mutation ? mutation.pick : 0) % value.length;
    const copy = [...value];
    if (mutation.kind === 'remove') copy.splice(index, 1);
    else if (mutation.kind === 'descend') copy[index] = applyMutation(copy[index], mutation.inner);
    else copy[index] = mutation.value;
    return copy;
  }
  if (!isPlainRecord(value)) return mutation.kind === 'descend' ? applyMutation(value, mutation.inner) : 'value' in mutation ? mutation.value : value;
  const keys = Object.keys(value);
  if (mutation.kind === 'add' || keys.length === 0) {
    const copy: Record<string, unknown> = { ...value };
    // defineProperty: `copy.__proto__ = x` would set the prototype instead of adding the key.
    Object.defineProperty(copy, mutation.kind === 'add' ? mutation.key : '__proto__', {
      value: 'value' in mutation ? mutation.value : null,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return copy;
  }
  const key = keys[mutation.pick % keys.length] ?? '';
  switch (mutation.kind) {
    case 'remove': {
      const { [key]: _removed, ...rest } = value;
      return rest;
    }
    case 'replace':
      return { ...value, [key]: mutation.value };
    case 'duplicate': {
      const entries = Object.entries(value);
      const extra: [string, unknown] = [key, mutation.value];
      return new DuplicateKeys(mutation.hostileFirst ? [extra, ...entries] : [...entries, extra]);
    }
    case 'descend':
      return { ...value, [key]: applyMutation(value[key], mutation.inner) };
  }
}

/**
 * A valid value with one hostile change somewhere inside it: a field replaced, removed, added or
 * repeated (duplicate key), at any depth. Close to valid, so it gets past the first checks.
 */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, mutationArbitrary).map(([value, mutation]) => applyMutation(value, mutation));
}

/** The payload mix of one target: mostly valid, near-valid with one hostile change, or hostile outright. */
export function payloadMix(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 4, arbitrary: mutated(valid) },
    { weight: 2, arbitrary: hostileValue },
  );
}
