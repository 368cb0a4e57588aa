import fc from 'fast-check';

/** A JSON Schema (2020-12) node as `z.toJSONSchema` and the OpenAPI document write them. */
export type JsonSchema = { readonly [keyword: string]: unknown };

// No library maps zod v4 (or its JSON Schema) to fast-check 4 yet (zod-fast-check stops at zod 3
// and fast-check 3), so this covers the keywords our schemas use: type, enum, const, anyOf/oneOf,
// allOf (first branch), properties/required, records (propertyNames + additionalProperties),
// arrays, string lengths, patterns and formats, number bounds, $ref into $defs.

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOf(schema: JsonSchema, keyword: string): number | undefined {
  const value = schema[keyword];
  return typeof value === 'number' ? value : undefined;
}

function schemasOf(schema: JsonSchema, keyword: string): JsonSchema[] {
  const value = schema[keyword];
  return Array.isArray(value) ? value.filter(isSchema) : [];
}

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = isSchema(node) ? node[part] : undefined;
  return isSchema(node) ? node : {};
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = numberOf(schema, 'minLength') ?? 0;
  const maxLength = numberOf(schema, 'maxLength');
  const fits = (text: string): boolean => text.length >= minLength && (maxLength === undefined || text.length <= maxLength);
  const format = schema['format'];
  if (format === 'date-time') return fc.date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2100-01-01') }).map((date) => date.toISOString());
  if (format === 'date') return fc.date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2100-01-01') }).map((date) => date.toISOString().slice(0, 10));
  const pattern = schema['pattern'];
  if (typeof pattern === 'string') {
    // Repaired, not filtered: a filter on a length the pattern's generator rarely hits would spin.
    // Repeating a too-short match keeps `^[…]+$` patterns valid; others end up invalid (also useful).
    const repair = (text: string): string => {
      if (fits(text)) return text;
      if (text.length > 0 && text.length < minLength) return text.repeat(Math.ceil(minLength / text.length)).slice(0, maxLength ?? undefined);
      return maxLength !== undefined ? text.slice(0, maxLength) : text;
    };
    const regex = new RegExp(pattern);
    return fc.oneof(fc.stringMatching(regex, { size: 'small' }), fc.stringMatching(regex, { size: 'medium' })).map(repair);
  }
  const bounded = Math.min(maxLength ?? 64, Math.max(minLength, 64));
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength: bounded }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength: bounded, unit: 'grapheme' }) },
    // Right at the bounds: where off-by-one checks live.
    { weight: 1, arbitrary: fc.constantFrom(...new Set([minLength, maxLength ?? minLength + 1]).values()).map((length) => 'a'.repeat(length)) },
  );
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const minimum = numberOf(schema, 'minimum');
  const maximum = numberOf(schema, 'maximum');
  const exclusiveMinimum = numberOf(schema, 'exclusiveMinimum');
  const exclusiveMaximum = numberOf(schema, 'exclusiveMaximum');
  if (integer) {
    const min = Math.max(minimum ?? Number.MIN_SAFE_INTEGER, exclusiveMinimum === undefined ? Number.MIN_SAFE_INTEGER : Math.floor(exclusiveMinimum) + 1);
    const max = Math.min(maximum ?? Number.MAX_SAFE_INTEGER, exclusiveMaximum === undefined ? Number.MAX_SAFE_INTEGER : Math.ceil(exclusiveMaximum) - 1);
    return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
  }
  return fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    ...(minimum !== undefined ? { min: minimum } : exclusiveMinimum !== undefined ? { min: exclusiveMinimum, minExcluded: true } : {}),
    ...(maximum !== undefined ? { max: maximum } : exclusiveMaximum !== undefined ? { max: exclusiveMaximum, maxExcluded: true } : {}),
  });
}

/** How to generate: the document `$ref`s resolve against, and known-good values by property name. */
export interface SchemaArbitraryOptions {
  root?: JsonSchema;
  /** Real values for properties of these names (ticket ids, agent ids, emails…), so handlers find something. */
  known?: Readonly<Record<string, readonly unknown[]>>;
}

function propertyArbitrary(name: string, property: JsonSchema, options: SchemaArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  const generated = arbitraryFromJsonSchema(property, options, depth + 1);
  const known = options.known?.[name];
  return known && known.length > 0 ? fc.oneof(generated, fc.constantFrom(...known)) : generated;
}

function objectArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  const properties = isSchema(schema['properties']) ? schema['properties'] : undefined;
  const required = Array.isArray(schema['required']) ? schema['required'].filter((key): key is string => typeof key === 'string') : [];
  const additional = schema['additionalProperties'];
  if (!properties) {
    // A record: keys from propertyNames (an enum here), values from additionalProperties.
    const keyNames = isSchema(schema['propertyNames']) ? schema['propertyNames']['enum'] : undefined;
    const values = isSchema(additional) ? arbitraryFromJsonSchema(additional, options, depth + 1) : fc.jsonValue({ maxDepth: 2 });
    if (Array.isArray(keyNames)) {
      const keys = keyNames.filter((key): key is string => typeof key === 'string');
      return fc.record(Object.fromEntries(keys.map((key) => [key, values])), { requiredKeys: required.filter((key) => keys.includes(key)) });
    }
    return fc.dictionary(fc.string({ maxLength: 20 }), values, { maxKeys: 5 });
  }
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [key, propertyArbitrary(key, isSchema(property) ? property : {}, options, depth)]),
  );
  return fc.record(model, { requiredKeys: required.filter((key) => key in model) });
}

/**
 * Values that (mostly) satisfy a JSON Schema: the "valid" side of the fuzzer, from the same zod
 * schemas the apps parse with (through the OpenAPI document or `z.toJSONSchema`).
 * @example fc.sample(arbitraryFromJsonSchema({ type: 'string', enum: ['en', 'zh-Hans'] }), 3)
 */
export function arbitraryFromJsonSchema(input: JsonSchema, givenOptions: SchemaArbitraryOptions = {}, depth = 0): fc.Arbitrary<unknown> {
  const options = { ...givenOptions, root: givenOptions.root ?? input };
  const schema = resolveRef(input, options.root);
  if (depth > 12) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema['const']);
  const choices = schema['enum'];
  if (Array.isArray(choices) && choices.length > 0) return fc.constantFrom(...(choices as unknown[]));
  const anyOf = [...schemasOf(schema, 'anyOf'), ...schemasOf(schema, 'oneOf')];
  if (anyOf.length > 0) return fc.oneof(...anyOf.map((branch) => arbitraryFromJsonSchema(branch, options, depth + 1)));
  const [first] = schemasOf(schema, 'allOf');
  if (first) return arbitraryFromJsonSchema(first, options, depth + 1);
  const type = schema['type'];
  if (Array.isArray(type)) return fc.oneof(...type.map((one) => arbitraryFromJsonSchema({ ...schema, type: one }, options, depth + 1)));
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = isSchema(schema['items']) ? schema['items'] : {};
      const minLength = numberOf(schema, 'minItems') ?? 0;
      const maxLength = Math.min(numberOf(schema, 'maxItems') ?? 5, Math.max(minLength, 5));
      return fc.array(arbitraryFromJsonSchema(items, options, depth + 1), { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(schema, options, depth);
    default:
      // {} (any): zod's unknown, or an unrepresentable type.
      return fc.jsonValue({ maxDepth: 2 });
  }
}
