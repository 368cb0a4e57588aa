import { io, type Socket } from 'socket.io-client';

/** How one server answers: what to send, and which order (if any) a `message.created` answers. */
export interface ChatProtocol {
  /** Opens the shopper's conversation once connected (the chat app: start, verify, greeting); nothing for the baseline. */
  open(socket: Socket, shopper: number): Promise<void>;
  /** The order number an incoming `message.created` answers, or an error when it is a wrong answer; null to ignore it. */
  answerOf(payload: unknown, shopper: number): { orderNumber: string; error?: string } | null;
}

/** How a question ended: answered (latency in µs), or not — refused or failed by the app, or no answer in time. */
export type Outcome = { ok: true; latencyUs: number } | { ok: false; kind: 'failed' | 'timeout'; detail: string };

interface Waiting {
  clientId: string;
  startedNs: bigint;
  settle: (outcome: Outcome) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Questions that got no right answer, by kind, with a few details to show. */
export interface FailureCounts {
  failed: number;
  timedOut: number;
  samples: string[];
}

/** Connected shoppers, each with its own socket, asking about orders and timing the answers. */
export interface Shoppers {
  count: number;
  /**
   * Sends "where is my order <n>" for `shopper` and resolves with the microseconds from `startedNs`
   * (default: now; a fixed-rate run passes the scheduled time, so a late send counts against it)
   * to the answer's arrival — or, at once, with the failure when the app refuses the question
   * (negative acknowledgement) or reports it could not answer (an `error` event naming its
   * clientId). Rejects only for a wrong answer (a bug, not overload).
   */
  ask(shopper: number, orderNumber: string, startedNs?: bigint): Promise<Outcome>;
  close(): void;
}

// Long enough for a backlog to show in the latencies, short enough that a lost answer does not stall the run:
// refusals and failed turns end a question at once (see `ask`), so this only catches answers that never come.
const answerTimeoutMs = 120_000;

/**
 * Connects `count` shoppers to `url` + `/chat` over WebSocket (as the widget does), `concurrency`
 * handshakes at a time, each from its own X-Forwarded-For address (a thousand shoppers are a
 * thousand clients; the app runs with CHAT_TRUST_PROXY_HOPS=1 so per-IP limits see them apart), and
 * opens each one's conversation with `protocol`.
 */
export async function connectShoppers(options: {
  url: string;
  count: number;
  protocol: ChatProtocol;
  concurrency?: number;
  signal: AbortSignal;
}): Promise<Shoppers> {
  const { url, count, protocol, signal } = options;
  const sockets: Socket[] = [];
  const waiting: Array<Map<string, Waiting[]>> = [];
  const failures: string[] = [];
  let questionSeq = 0;
  const close = (): void => {
    for (const socket of sockets) socket.disconnect();
  };

  const connectOne = async (shopper: number): Promise<void> => {
    const socket = io(`${url}/chat`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 30_000,
      extraHeaders: { 'x-forwarded-for': `10.${(shopper >> 16) & 255}.${(shopper >> 8) & 255}.${shopper & 255}` },
    });
    sockets[shopper] = socket;
    const pending = new Map<string, Waiting[]>();
    waiting[shopper] = pending;
    socket.on('message.created', (payload: unknown) => {
      const answer = protocol.answerOf(payload, shopper);
      if (!answer) return;
      const queue = pending.get(answer.orderNumber);
      const first = queue?.shift();
      if (queue && queue.length === 0) pending.delete(answer.orderNumber);
      if (!first) {
        failures.push(`shopper ${shopper}: an answer about ${answer.orderNumber}, which nobody asked`);
        return;
      }
      clearTimeout(first.timer);
      if (answer.error) {
        // A wrong answer is a bug, not overload: the run stops at the next question.
        failures.push(`shopper ${shopper}: ${answer.error}`);
        first.settle({ ok: false, kind: 'failed', detail: answer.error });
      } else first.settle({ ok: true, latencyUs: Number(process.hrtime.bigint() - first.startedNs) / 1000 });
    });
    socket.on('error', (payload: unknown) => {
      // The app names the question it could not answer by its clientId: that question fails now.
      const clientId = isRecord(payload) && typeof payload['clientId'] === 'string' ? payload['clientId'] : undefined;
      const entry = clientId ? takeWaiting(pending, clientId) : undefined;
      if (entry)
        entry.settle({ ok: false, kind: 'failed', detail: `error event ${JSON.stringify(payload).slice(0, 200)}` });
      else failures.push(`shopper ${shopper}: error event ${JSON.stringify(payload)}`);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    await protocol.open(socket, shopper);
  };

  try {
    const concurrency = options.concurrency ?? 50;
    for (let from = 0; from < count; from += concurrency) {
      signal.throwIfAborted();
      await Promise.all(Array.from({ length: Math.min(concurrency, count - from) }, (_, i) => connectOne(from + i)));
    }
  } catch (error) {
    close();
    throw error;
  }

  return {
    count,
    ask(shopper, orderNumber, startedNs) {
      const socket = sockets[shopper];
      const pending = waiting[shopper];
      if (!socket || !pending) return Promise.reject(new Error(`no shopper ${shopper}`));
      if (failures.length > 0) return Promise.reject(new Error(failures.slice(0, 3).join('; ')));
      const clientId = `q${++questionSeq}`;
      return new Promise<Outcome>((resolve) => {
        const entry: Waiting = {
          clientId,
          startedNs: startedNs ?? process.hrtime.bigint(),
          settle: (outcome) => {
            clearTimeout(entry.timer);
            resolve(outcome);
          },
          timer: setTimeout(() => {
            takeWaiting(pending, clientId);
            resolve({
              ok: false,
              kind: 'timeout',
              detail: `no answer about order ${orderNumber} within ${answerTimeoutMs} ms`,
            });
          }, answerTimeoutMs),
        };
        const queue = pending.get(orderNumber) ?? [];
        queue.push(entry);
        pending.set(orderNumber, queue);
        // The acknowledgement says whether the app took the question (stored) or refused it (flood guard, overload).
        socket.emit('message.send', { text: `where is my order ${orderNumber}`, clientId }, (response: unknown) => {
          if (isRecord(response) && response['ok'] === false && takeWaiting(pending, clientId))
            entry.settle({
              ok: false,
              kind: 'failed',
              detail: `refused: ${JSON.stringify(response['error']).slice(0, 200)}`,
            });
        });
      });
    },
    close,
  };
}

/** Removes the question with `clientId` from a shopper's waiting list; returns it if it was still waiting. */
function takeWaiting(pending: Map<string, Waiting[]>, clientId: string): Waiting | undefined {
  for (const [orderNumber, queue] of pending) {
    const index = queue.findIndex((entry) => entry.clientId === clientId);
    if (index < 0) continue;
    const [entry] = queue.splice(index, 1);
    if (queue.length === 0) pending.delete(orderNumber);
    return entry;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function newFailureCounts(): FailureCounts {
  return { failed: 0, timedOut: 0, samples: [] };
}

function tally(failures: FailureCounts, outcome: Extract<Outcome, { ok: false }>): void {
  if (outcome.kind === 'timeout') failures.timedOut++;
  else failures.failed++;
  if (failures.samples.length < 3) failures.samples.push(outcome.detail);
}

/**
 * Runs `count` questions per shopper, each shopper asking the next once the last is answered
 * (a closed loop: the offered load is what the server sustains). Returns latencies and the wall time.
 */
export async function runClosedLoop(
  shoppers: Shoppers,
  count: number,
  orderFor: (shopper: number, question: number) => string,
  signal: AbortSignal,
): Promise<{ latenciesUs: number[]; seconds: number; failures: FailureCounts }> {
  const latenciesUs: number[] = [];
  const failures = newFailureCounts();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: shoppers.count }, async (_, shopper) => {
      for (let question = 0; question < count; question++) {
        signal.throwIfAborted();
        const outcome = await shoppers.ask(shopper, orderFor(shopper, question));
        if (outcome.ok) latenciesUs.push(outcome.latencyUs);
        else tally(failures, outcome);
      }
    }),
  );
  return { latenciesUs, seconds: Number(process.hrtime.bigint() - started) / 1e9, failures };
}

/**
 * Offers `rate` questions a second for `seconds`, round-robin over the shoppers, whatever the
 * answers do (an open loop: the same offered load for any server). Latency runs from each
 * question's scheduled time, so a client falling behind shows up instead of hiding.
 */
export async function runFixedRate(
  shoppers: Shoppers,
  rate: number,
  seconds: number,
  orderFor: (shopper: number, question: number) => string,
  signal: AbortSignal,
): Promise<{ latenciesUs: number[]; sentAtMs: number[]; seconds: number; failures: FailureCounts }> {
  const total = Math.round(rate * seconds);
  const intervalNs = 1e9 / rate;
  const latenciesUs: number[] = [];
  // When each answered question was due, ms from the start, in the same order as latenciesUs.
  const sentAtMs: number[] = [];
  const failures = newFailureCounts();
  const answers: Promise<void>[] = [];
  // Kept, not left pending: a rejection nobody awaits until the end would end the process.
  let failure: { error: unknown } | undefined;
  const started = process.hrtime.bigint();
  let sent = 0;
  while (sent < total) {
    signal.throwIfAborted();
    if (failure) throw failure.error;
    const elapsedNs = Number(process.hrtime.bigint() - started);
    for (; sent < total && sent * intervalNs <= elapsedNs; sent++) {
      const shopper = sent % shoppers.count;
      const question = Math.floor(sent / shoppers.count);
      const scheduled = started + BigInt(Math.round(sent * intervalNs));
      answers.push(
        shoppers.ask(shopper, orderFor(shopper, question), scheduled).then(
          (outcome) => {
            if (outcome.ok) {
              latenciesUs.push(outcome.latencyUs);
              sentAtMs.push(Number(scheduled - started) / 1e6);
            } else tally(failures, outcome);
          },
          (error: unknown) => {
            failure ??= { error };
          },
        ),
      );
    }
    if (sent < total) {
      const waitMs = Math.max(1, (sent * intervalNs - Number(process.hrtime.bigint() - started)) / 1e6);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
  await Promise.all(answers);
  if (failure) throw failure.error;
  return { latenciesUs, sentAtMs, seconds: Number(process.hrtime.bigint() - started) / 1e9, failures };
}
