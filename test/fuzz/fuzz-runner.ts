import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import type { StackAppName } from '../support/stack.ts';
import type { FuzzHttpRequest, HttpTarget, Identity, WebhookProvider } from './http-targets.ts';
import { isRunning } from './process-watch.ts';
import { describePayload, encodeJson } from './raw-json.ts';
import type { AgentIdentity, SocketEmit, SocketTarget } from './socket-targets.ts';
import { createRawHttpClient, type RawHttpClient } from './raw-http.ts';

/** What the fuzzer needs of the running stack. */
export interface FuzzStack {
  urls: Record<StackAppName, string>;
  pids: Record<StackAppName, number>;
  /** Session cookies (`ld_session=…`) of the demo agent, manager and admin. */
  cookies: Record<AgentIdentity, string>;
  /** The webhook secrets ticketing runs with, by provider (to sign deliveries that reach the handler). */
  webhookSecrets: Record<WebhookProvider, string>;
}

export interface FuzzOptions {
  runs: number;
  /** Requests or emits in flight at once per target. */
  concurrency: number;
  seed: number;
  /** The longest one answer may take before it counts as none. */
  answerTimeoutMs: number;
  progress?: (line: string) => void;
}

export type OutcomeClass = '2xx' | '3xx' | '4xx' | '5xx' | 'other';

/** What one payload got. `failure` is set when it breaks the contract (a 5xx, an unnamed field…). */
interface Outcome {
  outcomeClass: OutcomeClass;
  /** HTTP status, or the socket answer (`ok`, an error code, `closed`, `no-ack`). */
  status: string;
  rateLimited: boolean;
  /** Refused before the handler: 401/403 from a route that needs a session, or a socket role refusal. */
  refusedByAuth: boolean;
  /** Answered, and neither rate limited nor refused for auth: the payload got to the route's own parsing and handler. */
  reachedHandler: boolean;
  failure?: string;
}

/** One target's tally. */
export interface TargetResult {
  kind: 'http' | 'socket';
  app: StackAppName;
  target: string;
  sent: number;
  classes: Record<OutcomeClass, number>;
  statuses: Record<string, number>;
  rateLimited: number;
  refusedByAuth: number;
  /** Payloads answered past the rate limits and sign-in checks (see {@link Outcome.reachedHandler}). */
  reachedHandler: number;
  failures: number;
  /** The first few failures, reproducible from the seed. */
  failureSamples: string[];
  /** An app process was gone after this target. */
  crashed: StackAppName[];
  durationMs: number;
}

function emptyResult(kind: 'http' | 'socket', app: StackAppName, target: string): TargetResult {
  return {
    kind,
    app,
    target,
    sent: 0,
    classes: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, other: 0 },
    statuses: {},
    rateLimited: 0,
    refusedByAuth: 0,
    reachedHandler: 0,
    failures: 0,
    failureSamples: [],
    crashed: [],
    durationMs: 0,
  };
}

function record(result: TargetResult, outcome: Outcome): void {
  result.sent++;
  result.classes[outcome.outcomeClass]++;
  result.statuses[outcome.status] = (result.statuses[outcome.status] ?? 0) + 1;
  if (outcome.rateLimited) result.rateLimited++;
  if (outcome.refusedByAuth) result.refusedByAuth++;
  if (outcome.reachedHandler) result.reachedHandler++;
  if (outcome.failure) {
    result.failures++;
    if (result.failureSamples.length < 5) result.failureSamples.push(outcome.failure);
  }
}

const batchSize = 100;

/**
 * Runs `runs` payloads of an arbitrary through `send`, `concurrency` at a time. Payloads are drawn
 * in batches of 100 (seed + batch number), so a failure is reproducible and memory stays flat.
 */
async function runPool<Payload>(
  arbitrary: fc.Arbitrary<Payload>,
  options: FuzzOptions,
  label: string,
  worker: () => { send(payload: Payload, index: number): Promise<Outcome>; close(): void },
  result: TargetResult,
): Promise<void> {
  let next = 0;
  let batch: Payload[] = [];
  let batchStart = -batchSize;
  const started = Date.now();
  let lastReport = started;
  const take = (): { payload: Payload; index: number } | null => {
    if (next >= options.runs) return null;
    const index = next++;
    if (index >= batchStart + batchSize) {
      batchStart = index - (index % batchSize);
      batch = fc.sample(arbitrary, { numRuns: Math.min(batchSize, options.runs - batchStart), seed: options.seed + batchStart / batchSize });
    }
    const payload = batch[index - batchStart];
    return payload === undefined ? null : { payload, index };
  };
  const progress = (): void => {
    const now = Date.now();
    if (!options.progress || now - lastReport < 10_000) return;
    lastReport = now;
    const rate = result.sent / ((now - started) / 1000);
    options.progress(`  ${label}: ${result.sent}/${options.runs} (${rate.toFixed(0)}/s) 5xx=${result.classes['5xx']} failures=${result.failures}`);
  };
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, options.runs) }, async () => {
      const one = worker();
      try {
        for (let item = take(); item !== null; item = take()) {
          record(result, await one.send(item.payload, item.index));
          progress();
        }
      } finally {
        one.close();
      }
    }),
  );
}

function forgedSessionCookie(): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = encode({ sub: 'agt_demo_admin', role: 'admin', iss: 'loyaldesk-ticketing', aud: 'loyaldesk-agents', exp: 4102444800 });
  const variants = [
    `${encode({ alg: 'none' })}.${body}.`,
    `${encode({ alg: 'HS256' })}.${body}.${createHmac('sha256', 'not-the-secret').update(`${encode({ alg: 'HS256' })}.${body}`).digest('base64url')}`,
    randomBytes(40).toString('base64url'),
  ];
  return `ld_session=${variants[Math.floor(Math.random() * variants.length)] ?? ''}`;
}

function cookieFor(request: FuzzHttpRequest, stack: FuzzStack): string | undefined {
  const identity: Identity = request.identity;
  if (identity === 'anonymous') return undefined;
  if (identity === 'forged-cookie') return forgedSessionCookie();
  if (identity === 'garbage-cookie') return request.garbageCookie;
  return stack.cookies[identity];
}

/** The header each provider signs with. */
const signatureHeaders: Record<WebhookProvider, string> = {
  loyaldesk: 'x-loyaldesk-signature',
  shopify: 'x-shopify-hmac-sha256',
  woocommerce: 'x-wc-webhook-signature',
  aftership: 'aftership-hmac-sha256',
  easypost: 'x-hmac-signature',
};

/** The signature header of a request, made as its provider makes it (or broken as its variant says). */
function signatureFor(request: FuzzHttpRequest, secrets: Record<WebhookProvider, string>): { name: string; value: string } | undefined {
  const provider = request.signedBy;
  if (!provider || !request.signature || request.signature === 'missing') return undefined;
  const body = request.body ?? Buffer.alloc(0);
  const now = Math.floor(Date.now() / 1000);
  const hmac = (secret: string, ...parts: Buffer[]): Buffer => {
    const mac = createHmac('sha256', secret);
    for (const part of parts) mac.update(part);
    return mac.digest();
  };
  const sign = (secret: string, timestamp: number): string => {
    switch (provider) {
      case 'loyaldesk':
        return `t=${timestamp},v1=${hmac(secret, Buffer.from(`${timestamp}.`), body).toString('hex')}`;
      case 'easypost':
        return `hmac-sha256-hex=${hmac(secret, body).toString('hex')}`;
      default:
        return hmac(secret, body).toString('base64');
    }
  };
  const secret = secrets[provider];
  const value = ((): string => {
    switch (request.signature) {
      case 'valid':
        return sign(secret, now);
      case 'stale':
        return provider === 'loyaldesk' ? sign(secret, now - 3_600) : sign(`${secret}-rotated-out`, now);
      case 'wrong':
        return provider === 'loyaldesk' ? `t=${now},v1=${randomBytes(32).toString('hex')}` : sign(randomBytes(16).toString('hex'), now);
      default:
        return provider === 'loyaldesk' ? `t=abc,v1=${'z'.repeat(64)},v1=,,=` : `${'z'.repeat(44)}==,=`;
    }
  })();
  return { name: signatureHeaders[provider], value };
}

function httpOutcome(target: HttpTarget, request: FuzzHttpRequest, answer: Awaited<ReturnType<RawHttpClient['send']>>): Outcome {
  // Described only for failures: most payloads pass, and a 300 KB body is not worth printing each time.
  const what = (): string =>
    `${request.method} ${request.path.slice(0, 200)} as ${request.identity} [${request.shape}] body ${request.body ? describePayload(request.body.subarray(0, 400).toString('utf8'), 200) : '(none)'}`;
  if (answer.kind === 'transport-error') {
    // A route that refuses before reading the body (401/403, a bad path) answers at once and Node
    // closes the connection instead of reading the rest: a client still uploading a big body sees
    // a reset. A refusal, not a failure; the app's pid and the following requests show it is up.
    if ((request.body?.length ?? 0) > uploadResetBytes && /ECONNRESET|EPIPE/.test(answer.message)) {
      return { outcomeClass: 'other', status: 'reset while uploading', rateLimited: false, refusedByAuth: false, reachedHandler: false };
    }
    return { outcomeClass: 'other', status: 'no answer', rateLimited: false, refusedByAuth: false, reachedHandler: false, failure: `${what()} → no HTTP answer: ${answer.message}` };
  }
  const status = answer.status;
  const outcomeClass: OutcomeClass = status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : status >= 200 ? '2xx' : 'other';
  const rateLimited = status === 429;
  // A public route's 401/403 is its handler's answer (a wrong password, a bad webhook signature).
  const refusedByAuth = (status === 401 || status === 403) && target.requiredRole !== 'public';
  return {
    outcomeClass,
    status: String(status),
    rateLimited,
    refusedByAuth,
    reachedHandler: !rateLimited && !refusedByAuth,
    ...(status >= 500
      ? { failure: `${what()} → ${status} ${answer.body.slice(0, 300)}` }
      : status >= 400 && target.namesProblems && !namesItsProblem(answer.body)
        ? { failure: `${what()} → ${status} without {error: {code, message}}: ${answer.body.slice(0, 300)}` }
        : {}),
  };
}

/** Whether a 4xx body is the house error: `{error: {code, message}}`. */
function namesItsProblem(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    return typeof parsed.error?.code === 'string' && typeof parsed.error.message === 'string';
  } catch {
    return false;
  }
}

/** Bodies above this may be cut off by an early answer (Node reads at most what a handler asks for). */
const uploadResetBytes = 64 * 1024;

/** Fuzzes one HTTP route: `runs` generated requests, every answer must be < 500. */
export async function fuzzHttpTarget(target: HttpTarget, stack: FuzzStack, options: FuzzOptions): Promise<TargetResult> {
  const result = emptyResult('http', target.app, target.name);
  const started = Date.now();
  const client = createRawHttpClient(stack.urls[target.app], { maxSockets: options.concurrency, timeoutMs: options.answerTimeoutMs });
  try {
    await runPool(
      target.requests,
      options,
      target.name,
      () => ({
        async send(request) {
          const cookie = cookieFor(request, stack);
          const signature = signatureFor(request, stack.webhookSecrets);
          const answer = await client.send({
            method: request.method,
            path: request.path,
            headers: { ...request.headers, ...(cookie ? { cookie } : {}), ...(signature ? { [signature.name]: signature.value } : {}) },
            ...(request.body ? { body: request.body } : {}),
          });
          return httpOutcome(target, request, answer);
        },
        close() {},
      }),
      result,
    );
  } finally {
    client.close();
  }
  result.durationMs = Date.now() - started;
  result.crashed = (Object.keys(stack.pids) as StackAppName[]).filter((app) => !isRunning(stack.pids[app]));
  return result;
}

// ---- sockets ----------------------------------------------------------------------------------

/** A connected socket that sends raw Socket.IO packets and waits for their acknowledgements. */
interface RawSocket {
  socket: Socket;
  /** Sends `2<nsp>,<id>[event, …args]` as written; resolves with the ack's first argument, or why none came. */
  emitRaw(frame: string, withAck: boolean): Promise<{ kind: 'ack'; reply: unknown } | { kind: 'closed'; reason: string } | { kind: 'timeout' } | { kind: 'sent' }>;
  connected(): boolean;
  close(): void;
}

let nextAckId = 1_000_000;

async function connectRaw(url: string, namespace: string, options: { cookie?: string; timeoutMs: number }): Promise<RawSocket> {
  const socket = io(`${url}${namespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: options.timeoutMs,
    ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  const waiting = new Map<number, (reply: unknown) => void>();
  const closers = new Set<(reason: string) => void>();
  const prefix = `3${namespace},`;
  const engine = socket.io.engine;
  engine.on('message', (data: unknown) => {
    if (typeof data !== 'string' || !data.startsWith(prefix)) return;
    const match = /^(\d+)/.exec(data.slice(prefix.length));
    if (!match?.[1]) return;
    const id = Number(match[1]);
    const resolve = waiting.get(id);
    if (!resolve) return;
    waiting.delete(id);
    let reply: unknown;
    try {
      reply = (JSON.parse(data.slice(prefix.length + match[1].length)) as unknown[])[0];
    } catch {
      reply = { unreadable: data.slice(0, 200) };
    }
    resolve(reply);
  });
  let closedReason: string | null = null;
  socket.on('disconnect', (reason) => {
    closedReason = reason;
    for (const close of closers) close(reason);
  });
  return {
    socket,
    connected: () => closedReason === null && socket.connected,
    close: () => {
      socket.disconnect();
    },
    emitRaw(frame, withAck) {
      if (closedReason !== null) return Promise.resolve({ kind: 'closed', reason: closedReason });
      const id = withAck ? nextAckId++ : null;
      // JSON text the fuzzer wrote (raw fragments included), not what socket.io-client would make of it.
      const packet = `2${namespace},${id ?? ''}${frame}`;
      return new Promise((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const onClose = (reason: string): void => {
          finish({ kind: 'closed', reason });
        };
        const finish = (value: Awaited<ReturnType<RawSocket['emitRaw']>>): void => {
          if (timer) clearTimeout(timer);
          closers.delete(onClose);
          if (id !== null) waiting.delete(id);
          resolve(value);
        };
        closers.add(onClose);
        if (id !== null) {
          waiting.set(id, (reply) => finish({ kind: 'ack', reply }));
          timer = setTimeout(() => finish({ kind: 'timeout' }), options.timeoutMs);
        }
        engine.write(packet);
        if (id === null) finish({ kind: 'sent' });
      });
    },
  };
}

interface AckReply {
  ok?: unknown;
  error?: { code?: unknown; field?: unknown; message?: unknown };
}

/** The value the server will see: the frame's JSON parsed back (raw fragments included), or why it cannot be. */
function wireValue(frame: string): { parsed: true; args: unknown[] } | { parsed: false } {
  try {
    return { parsed: true, args: (JSON.parse(frame) as unknown[]).slice(1) };
  } catch {
    return { parsed: false };
  }
}

function socketOutcome(target: SocketTarget, emit: SocketEmit, answer: Awaited<ReturnType<RawSocket['emitRaw']>>, frame: string): Outcome {
  const bytes = Buffer.byteLength(frame);
  const what = (): string => `${target.namespace} ${JSON.stringify(emit.event.slice(0, 60))} as ${emit.identity} payload ${describePayload(frame.slice(0, 400), 200)} (${bytes} bytes)`;
  if (answer.kind === 'sent') return { outcomeClass: 'other', status: 'no ack asked', rateLimited: false, refusedByAuth: false, reachedHandler: false };
  if (answer.kind === 'closed') {
    // The server drops frames it cannot decode or that are too big: a refusal, not a crash (the pids
    // tell). A frame of a known event that decodes and fits must be answered, not dropped.
    const decodable = target.schema !== null && bytes < maxDecodableFrameBytes && wireValue(frame).parsed;
    return {
      outcomeClass: '4xx',
      status: `closed (${answer.reason})`,
      rateLimited: false,
      refusedByAuth: false,
      reachedHandler: false,
      ...(decodable ? { failure: `${what()} → connection closed (${answer.reason}) on a frame that decodes and fits` } : {}),
    };
  }
  if (answer.kind === 'timeout') {
    return { outcomeClass: 'other', status: 'no ack', rateLimited: false, refusedByAuth: false, reachedHandler: false, failure: `${what()} → no acknowledgement within the timeout` };
  }
  const reply = (typeof answer.reply === 'object' && answer.reply !== null ? answer.reply : {}) as AckReply;
  if (reply.ok === true) {
    const wire = wireValue(frame);
    const payload = wire.parsed ? wire.args[0] : undefined;
    const valid = target.schema === null ? false : wire.parsed && target.schema.safeParse(payload).success;
    return {
      outcomeClass: '2xx',
      status: 'ok',
      rateLimited: false,
      refusedByAuth: false,
      reachedHandler: true,
      ...(valid ? {} : { failure: `${what()} → accepted although its payload does not parse with the event's schema` }),
    };
  }
  const code = typeof reply.error?.code === 'string' ? reply.error.code.replace(/^loyaldesk:/, '') : 'no error code';
  const field = reply.error?.field;
  const internal = code === 'internal_error' || code === 'reply_failed';
  let failure: string | undefined;
  if (internal) failure = `${what()} → ${code}: ${String(reply.error?.message)}`;
  else if (code === 'validation_failed' && (typeof field !== 'string' || field === '')) failure = `${what()} → validation_failed without a field`;
  else if (code === 'no error code') failure = `${what()} → refused without an error code: ${JSON.stringify(answer.reply).slice(0, 200)}`;
  return {
    outcomeClass: internal ? '5xx' : '4xx',
    status: typeof field === 'string' && code === 'validation_failed' ? `${code} (field named)` : code,
    rateLimited: code === 'rate_limited',
    refusedByAuth: code === 'forbidden' || code === 'unauthenticated',
    reachedHandler: code !== 'rate_limited' && code !== 'forbidden' && code !== 'unauthenticated',
    ...(failure ? { failure } : {}),
  };
}

/** Below both apps' Socket.IO frame limit (the chat bot's 256 KB; ticketing's default 1 MB). */
const maxDecodableFrameBytes = 200_000;

/** `/chat` lets one socket send 20 events at once (then 2 a second): a fresh socket after this many. */
const chatEventsPerSocket = 15;

/**
 * Fuzzes one socket event: `runs` generated emits as raw Socket.IO packets (so duplicate keys,
 * NaN literals, 10,000-deep nesting and invalid UTF-8 reach the server as written). Every
 * acknowledgement must be ok for a valid payload or an error with a code (naming the field for a
 * validation failure), never an internal error, and it must come.
 */
export async function fuzzSocketTarget(target: SocketTarget, stack: FuzzStack, options: FuzzOptions): Promise<TargetResult> {
  const result = emptyResult('socket', target.app, target.name);
  const started = Date.now();
  const url = stack.urls[target.app];
  const isChat = target.app === 'chat-bot';
  await runPool(
    target.emits,
    options,
    target.name,
    () => {
      const sockets = new Map<AgentIdentity, { raw: RawSocket; used: number }>();
      const socketFor = async (identity: AgentIdentity): Promise<RawSocket> => {
        const key: AgentIdentity = isChat ? 'agent' : identity;
        const held = sockets.get(key);
        if (held && held.raw.connected() && (!isChat || held.used < chatEventsPerSocket)) {
          held.used++;
          return held.raw;
        }
        held?.raw.close();
        const raw = await connectRaw(url, target.namespace, { timeoutMs: options.answerTimeoutMs, ...(isChat ? {} : { cookie: stack.cookies[key] }) });
        if (target.needsConversation) {
          const ready = await raw.emitRaw('["conversation.start",{}]', true);
          if (ready.kind !== 'ack' || (ready.reply as AckReply).ok !== true) throw new Error(`conversation.start before fuzzing failed: ${JSON.stringify(ready)}`);
        }
        sockets.set(key, { raw, used: 1 });
        return raw;
      };
      return {
        async send(emit) {
          const raw = await socketFor(emit.identity);
          const frame = encodeJson([emit.event, ...(emit.withoutPayload ? [] : [emit.payload, ...emit.extraArgs])]).toString('utf8');
          const answer = await raw.emitRaw(frame, emit.withAck);
          // Without an ack nothing says whether the server dropped the connection over this frame:
          // a fresh socket for the next one, so a close is never pinned on the wrong payload.
          if (answer.kind === 'sent') raw.close();
          return socketOutcome(target, emit, answer, frame);
        },
        close() {
          for (const { raw } of sockets.values()) raw.close();
        },
      };
    },
    result,
  );
  result.durationMs = Date.now() - started;
  result.crashed = (Object.keys(stack.pids) as StackAppName[]).filter((app) => !isRunning(stack.pids[app]));
  return result;
}
