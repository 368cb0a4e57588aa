import fc from 'fast-check';
import type { StackAppName } from '../support/stack.ts';
import { payloadMix } from './hostile-values.ts';
import { encodedBody, percentEncode, queryString, urlPart, type EncodedBody } from './http-encoding.ts';
import { arbitraryFromJsonSchema, type JsonSchema } from './json-schema-arbitrary.ts';

/** Who sends a request: nobody, a demo account, or a session cookie that is not one. */
export type Identity = 'anonymous' | 'agent' | 'manager' | 'admin' | 'forged-cookie' | 'garbage-cookie';
export type RequiredRole = 'public' | 'agent' | 'manager' | 'admin';

/** Whose signature scheme a webhook route checks: our own (timestamped) or a provider's. */
export type WebhookProvider = 'loyaldesk' | 'shopify' | 'woocommerce' | 'aftership' | 'easypost';

/**
 * How a signed webhook's signature header is made for a request: `stale` is a signature that was
 * once right (ours: an hour-old timestamp; a provider's: the HMAC with a rotated-out secret).
 */
export type SignatureVariant = 'valid' | 'stale' | 'wrong' | 'missing' | 'malformed';

/** One generated request, before the identity's cookie and the signature are put on it. */
export interface FuzzHttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  identity: Identity;
  /** The cookie header for `garbage-cookie` (oversized, repeated, badly encoded…). */
  garbageCookie?: string;
  signature?: SignatureVariant;
  /** The scheme `signature` follows. */
  signedBy?: WebhookProvider;
  /** What was varied on the wire (json, truncated json, charset …). */
  shape: string;
}

/** An HTTP route under fuzz and how to generate its requests. */
export interface HttpTarget {
  kind: 'http';
  app: StackAppName;
  /** `METHOD /path/{param}` as the OpenAPI document (or the app) names it. */
  name: string;
  requiredRole: RequiredRole;
  requests: fc.Arbitrary<FuzzHttpRequest>;
  /** Every 4xx must carry `{error: {code, message}}` (checked for the webhooks: a sender needs to know what was wrong). */
  namesProblems?: boolean;
}

/** Real values the generators mix in, so requests reach the handlers' lookups and state changes. */
export interface KnownValues {
  ticketIds: readonly string[];
  /** Agents tickets may be assigned to. */
  agentIds: readonly string[];
  /**
   * The accounts the agent admin routes (`/api/agents/{agentId}`) may change: throwaway accounts and
   * the signing-in admin's own (which it may not deactivate or demote), never the agent and manager
   * the harness signs in as, or a fuzzed deactivation or new role would refuse its own requests.
   */
  changeableAgentIds: readonly string[];
  emails: readonly string[];
  orderNumbers: readonly string[];
  customerIds: readonly string[];
  /** Bull queue names (the admin board's `:queueName`). */
  queueNames: readonly string[];
  /** Whole valid bodies by target name (e.g. real order events for the webhook), mixed with the generated ones. */
  validBodies?: Readonly<Record<string, readonly unknown[]>>;
}

const roleOrder: readonly Identity[] = ['agent', 'manager', 'admin'];

/** Mostly a session that may call the route (so the handler runs), sometimes one that may not. */
export function identityFor(role: RequiredRole): fc.Arbitrary<Identity> {
  const allowed: Identity[] = role === 'public' ? ['anonymous', 'agent', 'manager', 'admin'] : roleOrder.slice(roleOrder.indexOf(role));
  const refused: Identity[] = role === 'public' ? [] : ['anonymous', ...roleOrder.slice(0, roleOrder.indexOf(role))];
  return fc.oneof(
    { weight: 16, arbitrary: fc.constantFrom(...allowed) },
    ...(refused.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...refused) }] : []),
    { weight: 1, arbitrary: fc.constantFrom<Identity>('forged-cookie', 'garbage-cookie') },
  );
}

const garbageCookie = fc.oneof(
  fc.constantFrom(
    'ld_session=',
    'ld_session=%E0%A4%A',
    'ld_session=a; ld_session=b',
    'ld_session=eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZ3RfYWRtaW4ifQ.',
    '=;;=;',
    `ld_session=${'x'.repeat(8_000)}`,
    `${Array.from({ length: 200 }, (_, index) => `c${index}=1`).join('; ')}`,
    'ld_session="quoted"',
    'ld_session=__proto__',
  ),
  fc.string({ maxLength: 60 }).map((text) => `ld_session=${percentEncode(text)}`),
);

/** Headers every state-changing request usually carries, and hostile ones it sometimes does. */
const commonHeaders: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      csrf: fc.oneof({ weight: 19, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      requestId: fc.option(fc.oneof(fc.uuid(), fc.constantFrom('', 'x'.repeat(4_000), '__proto__', '../../x')), { freq: 8 }),
      accept: fc.option(fc.constantFrom('text/html', '*/*', 'application/xml', 'application/json;q=0'), { freq: 8 }),
      forwardedFor: fc.option(fc.constantFrom('10.0.0.1', '1.2.3.4, 5.6.7.8', 'not-an-ip', '::1'), { freq: 8 }),
    },
    { requiredKeys: ['csrf', 'requestId', 'accept', 'forwardedFor'] },
  )
  .map(({ csrf, requestId, accept, forwardedFor }) => ({
    ...(csrf ? { 'x-requested-with': 'loyaldesk-fuzz' } : {}),
    ...(requestId !== null ? { 'x-request-id': requestId } : {}),
    ...(accept !== null ? { accept } : {}),
    ...(forwardedFor !== null ? { 'x-forwarded-for': forwardedFor } : {}),
  }));

interface RequestParts {
  method: string;
  path: fc.Arbitrary<string>;
  role: RequiredRole;
  body?: fc.Arbitrary<EncodedBody>;
  extraHeaders?: fc.Arbitrary<Record<string, string>>;
  /** Sign the body as this provider does (mostly validly). */
  signed?: WebhookProvider;
}

/** Puts the parts of a request together: path, identity, headers, body, signature. */
export function requestArbitrary(parts: RequestParts): fc.Arbitrary<FuzzHttpRequest> {
  const noBody: EncodedBody = { body: undefined, headers: {}, shape: 'no body' };
  return fc
    .record({
      path: parts.path,
      identity: identityFor(parts.role),
      garbage: garbageCookie,
      headers: commonHeaders,
      extra: parts.extraHeaders ?? fc.constant({}),
      body: parts.body ?? fc.constant(noBody),
      signature: parts.signed
        ? fc.oneof(
            { weight: 12, arbitrary: fc.constant<SignatureVariant>('valid') },
            { weight: 1, arbitrary: fc.constantFrom<SignatureVariant>('stale', 'wrong', 'missing', 'malformed') },
          )
        : fc.constant(undefined),
    })
    .map(({ path, identity, garbage, headers, extra, body, signature }) => ({
      method: parts.method,
      path,
      headers: { ...headers, ...extra, ...body.headers },
      body: body.body,
      identity,
      ...(identity === 'garbage-cookie' ? { garbageCookie: garbage } : {}),
      ...(signature && parts.signed ? { signature, signedBy: parts.signed } : {}),
      shape: body.shape,
    }));
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  'x-required-role'?: string;
  security?: unknown[];
}

function knownFor(name: string, known: KnownValues, template = ''): readonly string[] {
  const byName: Record<string, readonly string[]> = {
    ticketId: known.ticketIds,
    agentId: template.startsWith('/api/agents/') ? known.changeableAgentIds : known.agentIds,
    assignee: ['me', ...known.agentIds],
    email: known.emails,
    orderNumber: known.orderNumbers,
    number: known.orderNumbers,
    id: known.customerIds,
    queueName: known.queueNames,
  };
  return byName[name] ?? [];
}

function knownRecord(known: KnownValues): Record<string, readonly unknown[]> {
  return {
    ticketId: known.ticketIds,
    agentId: known.agentIds,
    email: known.emails,
    orderNumber: known.orderNumbers,
    number: known.orderNumbers,
  };
}

/** `/api/tickets/{ticketId}/reply` with each `{param}` generated and encoded. */
export function templatedPath(template: string, params: Readonly<Record<string, fc.Arbitrary<string>>>): fc.Arbitrary<string> {
  const pieces = template.split(/(\{[A-Za-z0-9_]+\})/).filter((piece) => piece !== '');
  return fc.tuple(
    ...pieces.map((piece) => {
      const name = /^\{([A-Za-z0-9_]+)\}$/.exec(piece)?.[1];
      return name ? (params[name] ?? fc.constant('x')) : fc.constant(piece);
    }),
  ).map((parts) => parts.join(''));
}

const anyJsonObject: JsonSchema = { type: 'object' };

/**
 * One target per operation of ticketing's OpenAPI document: path and query parameters and the
 * JSON body generated from their schemas (the zod schemas the handlers parse with), mixed with
 * hostile values and broken encodings; the identity mostly one the route's role allows.
 */
export function targetsFromOpenApi(document: JsonSchema, known: KnownValues, webhookPath = '/api/webhooks/orders'): HttpTarget[] {
  const targets: HttpTarget[] = [];
  const paths = (document['paths'] ?? {}) as Record<string, Record<string, OpenApiOperation>>;
  for (const [template, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const parameters = operation.parameters ?? [];
      const role = (operation['x-required-role'] ?? 'public') as RequiredRole;
      const pathParams = Object.fromEntries(
        parameters
          .filter((parameter) => parameter.in === 'path')
          .map((parameter) => [parameter.name, urlPart(arbitraryFromJsonSchema(parameter.schema ?? {}), knownFor(parameter.name, known, template))]),
      );
      const queryParameters = parameters.filter((parameter) => parameter.in === 'query');
      const query = queryString(
        Object.fromEntries(queryParameters.map((parameter) => [parameter.name, urlPart(arbitraryFromJsonSchema(parameter.schema ?? {}), knownFor(parameter.name, known))])),
        queryParameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      );
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const upperMethod = method.toUpperCase();
      const generated = arbitraryFromJsonSchema(bodySchema ?? anyJsonObject, { known: knownRecord(known) });
      const realBodies = known.validBodies?.[`${upperMethod} ${template}`] ?? [];
      const validBody = realBodies.length > 0 ? fc.oneof(generated, fc.constantFrom(...realBodies)) : generated;
      targets.push({
        kind: 'http',
        app: 'ticketing',
        name: `${upperMethod} ${template}`,
        requiredRole: role,
        requests: requestArbitrary({
          method: upperMethod,
          path: fc.tuple(templatedPath(template, pathParams), query).map(([path, search]) => `${path}${search}`),
          role,
          // State-changing routes without a body still get one: the JSON parser runs for them too.
          ...(upperMethod === 'GET'
            ? {}
            : { body: encodedBody(payloadMix(validBody)) }),
          ...(template === '/api/tickets' && upperMethod === 'POST'
            ? { extraHeaders: fc.option(urlPart(fc.string({ minLength: 8, maxLength: 40 })), { freq: 2 }).map((key): Record<string, string> => (key === null ? {} : { 'idempotency-key': key.slice(0, 300) })) }
            : {}),
          ...(template === webhookPath ? { signed: 'loyaldesk' as const } : {}),
        }),
      });
    }
  }
  return targets;
}

/** A target the OpenAPI document does not list (docs, health, the admin board, the chat bot's pages). */
export function extraTarget(options: {
  app: StackAppName;
  method: string;
  template: string;
  role?: RequiredRole;
  params?: Record<string, fc.Arbitrary<string>>;
  /** Named query parameters (others are added at random anyway). */
  query?: Record<string, fc.Arbitrary<string>>;
  body?: boolean;
  extraHeaders?: fc.Arbitrary<Record<string, string>>;
}): HttpTarget {
  const role = options.role ?? 'public';
  return {
    kind: 'http',
    app: options.app,
    name: `${options.method} ${options.template}`,
    requiredRole: role,
    requests: requestArbitrary({
      method: options.method,
      path: fc.tuple(templatedPath(options.template, options.params ?? {}), queryString(options.query ?? {})).map(([path, search]) => `${path}${search}`),
      role,
      ...(options.body ? { body: encodedBody(payloadMix(fc.jsonValue({ maxDepth: 3 }))) } : {}),
      ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
    }),
  };
}

// The Bull Board's JSON API (@bull-board/api 9.10, mounted at /admin/queues behind adminOnly).
const boardRoutes: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/api/redis/stats'],
  ['GET', '/api/queues'],
  ['GET', '/api/job-schedulers'],
  ['GET', '/api/metrics/latency'],
  ['GET', '/api/queues/{queueName}/metrics'],
  ['GET', '/api/queues/{queueName}/default-job-options'],
  ['GET', '/api/queues/{queueName}/workers'],
  ['GET', '/api/queues/{queueName}/rate-limit'],
  ['GET', '/api/queues/{queueName}/job-data-schema'],
  ['GET', '/api/queues/{queueName}/{jobId}/logs'],
  ['GET', '/api/queues/{queueName}/{jobId}/flow'],
  ['GET', '/api/queues/{queueName}/{jobId}'],
  ['POST', '/api/queues/{queueName}/add'],
  ['PUT', '/api/queues/{queueName}/retry/{queueStatus}'],
  ['PUT', '/api/queues/{queueName}/promote'],
  ['PUT', '/api/queues/{queueName}/clean/{queueStatus}'],
  ['PUT', '/api/queues/{queueName}/concurrency'],
  ['PUT', '/api/queues/{queueName}/rate-limit'],
  ['PUT', '/api/queues/{queueName}/rate-limit/release'],
  ['PATCH', '/api/queues/{queueName}/job-schedulers/{schedulerId}'],
  ['PUT', '/api/queues/{queueName}/job-schedulers/{schedulerId}/run'],
  ['PUT', '/api/queues/{queueName}/job-schedulers/{schedulerId}/remove'],
  ['PUT', '/api/queues/{queueName}/{jobId}/retry'],
  ['PUT', '/api/queues/{queueName}/{jobId}/clean'],
  ['PUT', '/api/queues/{queueName}/{jobId}/promote'],
  ['PATCH', '/api/queues/{queueName}/{jobId}/update-data'],
  ['PATCH', '/api/queues/{queueName}/{jobId}/delay'],
  ['PATCH', '/api/queues/{queueName}/{jobId}/priority'],
  ['PUT', '/api/queues/{queueName}/{jobId}/remove-unprocessed-children'],
  // Last: these stop or empty whole queues.
  ['PUT', '/api/queues/{queueName}/pause'],
  ['PUT', '/api/queues/{queueName}/resume'],
  ['PUT', '/api/queues/{queueName}/empty'],
  ['PUT', '/api/queues/{queueName}/obliterate'],
  ['PUT', '/api/queues/pause'],
  ['PUT', '/api/queues/resume'],
];

/** Ticketing's routes outside the OpenAPI document: health, docs, the admin board, unknown paths. */
export function ticketingExtraTargets(known: KnownValues): HttpTarget[] {
  const anyPart = urlPart(fc.string({ maxLength: 20 }));
  const boardParams = {
    queueName: urlPart(fc.string({ maxLength: 30 }), known.queueNames),
    jobId: urlPart(fc.oneof(fc.nat({ max: 50 }).map(String), fc.string({ maxLength: 20 }))),
    queueStatus: urlPart(fc.string({ maxLength: 12 }), ['completed', 'failed', 'delayed', 'active', 'waiting', 'paused', 'latest', 'prioritized']),
    schedulerId: anyPart,
  };
  return [
    extraTarget({ app: 'ticketing', method: 'GET', template: '/api/health' }),
    extraTarget({ app: 'ticketing', method: 'GET', template: '/api/openapi.json' }),
    extraTarget({ app: 'ticketing', method: 'GET', template: '/api/docs' }),
    extraTarget({ app: 'ticketing', method: 'GET', template: '/api/docs/init.js' }),
    extraTarget({
      app: 'ticketing',
      method: 'GET',
      template: '/api/docs/assets/{file}',
      params: { file: urlPart(fc.string({ maxLength: 20 }), ['swagger-ui.css', 'swagger-ui-bundle.js', 'index.html', '../package.json', '..%2F..%2Fpackage.json']) },
    }),
    extraTarget({ app: 'ticketing', method: 'GET', template: '/admin/queues', role: 'admin' }),
    ...boardRoutes.map(([method, template]) =>
      extraTarget({ app: 'ticketing', method, template: `/admin/queues${template}`, role: 'admin', params: boardParams, body: method !== 'GET' }),
    ),
    unknownRoutesTarget('ticketing'),
    engineIoTarget('ticketing'),
  ];
}

/** The chat bot's HTTP: health, the widget script, the demo page, the Socket.IO endpoint, unknown paths. */
export function chatBotTargets(): HttpTarget[] {
  return [
    extraTarget({ app: 'chat-bot', method: 'GET', template: '/health' }),
    extraTarget({
      app: 'chat-bot',
      method: 'GET',
      template: '/widget.js',
      extraHeaders: fc.option(fc.constantFrom('*', '"abc"', 'W/"x"', '', '"'), { freq: 2 }).map((tag): Record<string, string> => (tag === null ? {} : { 'if-none-match': tag })),
    }),
    extraTarget({ app: 'chat-bot', method: 'GET', template: '/', query: { lang: urlPart(fc.string({ maxLength: 10 }), ['en', 'zh-Hans', 'zh-Hant']) } }),
    unknownRoutesTarget('chat-bot'),
    engineIoTarget('chat-bot'),
  ];
}

/** Any method on any path: the 404 handlers and the routers' own decoding. */
function unknownRoutesTarget(app: StackAppName): HttpTarget {
  const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'M-SEARCH');
  const path = fc
    .array(urlPart(fc.string({ maxLength: 12 }), ['api', 'tickets', 'admin', 'queues', '..', '.', '', 'docs', 'health', 'widget.js']), { minLength: 1, maxLength: 6 })
    .map((segments) => `/${segments.join('/')}`);
  return {
    kind: 'http',
    app,
    name: 'ANY /{unknown}',
    requiredRole: 'public',
    requests: fc.tuple(method, path).chain(([oneMethod, onePath]) =>
      requestArbitrary({ method: oneMethod, path: fc.constant(onePath), role: 'public', body: encodedBody(payloadMix(fc.jsonValue({ maxDepth: 2 }))) }),
    ),
  };
}

/** Engine.IO's HTTP endpoint (long-polling handshake and packets) with hostile queries and bodies. */
function engineIoTarget(app: StackAppName): HttpTarget {
  const query = queryString({
    EIO: urlPart(fc.constantFrom('4', '3', '5', '0', '-1'), ['4']),
    transport: urlPart(fc.constantFrom('polling', 'websocket', 'webtransport', 'flashsocket'), ['polling']),
    sid: urlPart(fc.string({ minLength: 20, maxLength: 20 })),
    t: urlPart(fc.string({ maxLength: 8 })),
  });
  const method = fc.constantFrom('GET', 'GET', 'POST', 'OPTIONS', 'PUT');
  return {
    kind: 'http',
    app,
    name: 'ANY /socket.io/',
    requiredRole: 'public',
    requests: fc.tuple(method, query).chain(([oneMethod, search]) =>
      requestArbitrary({
        method: oneMethod,
        path: fc.constant(`/socket.io/${search}`),
        role: 'public',
        ...(oneMethod === 'GET' ? {} : { body: encodedBody(payloadMix(fc.constantFrom('40/chat,', '2probe', '42["x"]', '1', '6'))) }),
      }),
    ),
  };
}
