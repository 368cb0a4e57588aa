import { z } from 'zod';
import { sessionCookieName } from '../auth/session-token.ts';
import type { RouteDefinition } from './route.ts';

type JsonSchema = Record<string, unknown>;

/** JSON Schema of a zod schema: request side as clients send it, response side as we send it (dates as ISO strings). */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: (context) => {
      if (context.zodSchema._zod.def.type === 'date') {
        context.jsonSchema.type = 'string';
        context.jsonSchema.format = 'date-time';
      }
    },
  }) as JsonSchema;
  return rest;
}

const errorBodySchema = z.object({
  error: z.object({
    code: z.string().meta({ example: 'loyaldesk:validation_failed' }),
    message: z.string(),
    field: z.string().optional(),
    errorId: z.string().optional().meta({ description: 'On 5xx only: quote it when reporting; it is in the logs' }),
  }),
});

const statusText: Record<number, string> = {
  400: 'Invalid input (`field` names it) or malformed JSON',
  401: 'Not signed in, or a bad webhook signature',
  403: 'The role does not allow it, or the X-Requested-With header is missing',
  404: 'Not found',
  409: 'Conflicts with the ticket’s current state',
  413: 'Body too large',
  429: 'Too many attempts; see Retry-After',
  500: 'Server error (details hidden; `errorId` is logged)',
  501: 'Not available in this deployment',
};

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchemaOf(schema, 'input');
  const properties = (object['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
    ...(typeof property['description'] === 'string' ? { description: property['description'] } : {}),
  }));
}

/**
 * The OpenAPI 3.1 document of the routes, generated from the same zod schemas that parse their
 * inputs (JSON Schema 2020-12, which OpenAPI 3.1 uses).
 */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], info: { title: string; version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = `/api${route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
    const success = route.status ?? 200;
    const errorStatuses = new Set([400, ...(route.access === 'public' ? [] : [401, 403]), ...(route.errors ?? []), 500]);
    if (route.method !== 'get' && route.csrf !== false) errorStatuses.add(403);
    const responses: Record<string, JsonSchema> = {
      [String(success)]: {
        description: 'Success',
        ...(success === 204 ? {} : { content: { 'application/json': { schema: jsonSchemaOf(route.response, 'output') } } }),
      },
    };
    for (const status of [...errorStatuses].sort()) {
      responses[String(status)] = {
        description: statusText[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const headerParameters =
      route.method !== 'get' && route.csrf !== false
        ? [{ name: 'X-Requested-With', in: 'header', required: true, schema: { type: 'string', example: 'loyaldesk' } }]
        : [];
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase())}`,
      ...(route.access === 'public' ? { security: [] } : { 'x-required-role': route.access }),
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query'), ...headerParameters],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchemaOf(route.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { ...info, description: 'loyaldesk ticketing: the agent and manager API. Sign in with POST /api/auth/login.' },
    servers: [{ url: '/' }],
    security: [{ sessionCookie: [] }],
    paths,
    components: {
      securitySchemes: { sessionCookie: { type: 'apiKey', in: 'cookie', name: sessionCookieName } },
      schemas: { Error: jsonSchemaOf(errorBodySchema, 'output') },
    },
  };
}
