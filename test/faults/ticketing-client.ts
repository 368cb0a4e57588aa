import type { AppInstance } from './app-instances.ts';
import type { FaultRecorder } from './fault-records.ts';

/** An answer from ticketing, or none (refused, reset, timed out). */
export type TicketingAnswer =
  | {
      ok: true;
      status: number;
      body: unknown;
      instance: AppInstance;
      retryAfterSeconds: number | null;
      setCookies: string[];
    }
  | {
      ok: false;
      status: number | null;
      body: unknown;
      instance: AppInstance;
      retryAfterSeconds: number | null;
      setCookies: string[];
    };

// Longer than any timeout inside the apps (the driver's server selection is 3 s, a Bull add waits on
// Redis): a request still unanswered after this is a hang.
const requestTimeoutMs = 30_000;
// After a transport error the instance is skipped for this long, as a load balancer's passive check would.
const suspectForMs = 2_000;

/**
 * Ticketing's two instances behind a simple client-side balancer: requests alternate between
 * them; one that failed at the transport level is skipped for 2 s. Every request is recorded.
 */
export class TicketingPool {
  private turn = 0;
  private readonly suspectUntil = new Map<string, number>();

  constructor(
    private readonly instances: readonly AppInstance[],
    private readonly recorder: FaultRecorder,
    private readonly now: () => number,
  ) {}

  private pick(): AppInstance {
    const wallNow = Date.now();
    for (let i = 0; i < this.instances.length; i++) {
      const instance = this.instances[(this.turn + i) % this.instances.length];
      if (instance && (this.suspectUntil.get(instance.label) ?? 0) <= wallNow) {
        this.turn += i + 1;
        return instance;
      }
    }
    const fallback = this.instances[this.turn++ % this.instances.length];
    if (!fallback) throw new Error('no ticketing instance');
    return fallback;
  }

  /** Sends `method path` (relative to /api) to the next instance (or `instance`) with the session cookie, and records it. */
  async request(
    method: 'GET' | 'POST',
    path: string,
    options: { cookie?: string; body?: unknown; route?: string; instance?: AppInstance } = {},
  ): Promise<TicketingAnswer> {
    const instance = options.instance ?? this.pick();
    const startMs = this.now();
    const upAtStart = instance.state() === 'up';
    let status: number | null = null;
    let retryAfter: string | null = null;
    let body: unknown = null;
    let error: string | null = null;
    let timedOut = false;
    let setCookies: string[] = [];
    try {
      const response = await fetch(`${instance.url}/api${path}`, {
        method,
        headers: {
          'x-requested-with': 'loyaldesk-faults',
          // Each simulated agent comes from its own address, as behind the console's proxy (TRUST_PROXY_HOPS=1).
          'x-forwarded-for': forwardedFor(options.body ?? options.cookie),
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      setCookies = response.headers.getSetCookie();
      const text = await response.text();
      try {
        body = text === '' ? null : (JSON.parse(text) as unknown);
      } catch {
        body = text;
      }
    } catch (caught) {
      timedOut = caught instanceof DOMException && caught.name === 'TimeoutError';
      error = describeError(caught);
      this.suspectUntil.set(instance.label, Date.now() + suspectForMs);
    }
    const endMs = this.now();
    this.recorder.http.push({
      startMs,
      endMs,
      instance: instance.label,
      method,
      route: options.route ?? path,
      status,
      retryAfter,
      error,
      instanceUp: upAtStart && instance.state() === 'up',
      timedOut,
    });
    const retryAfterSeconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
    if (status !== null && status >= 200 && status < 300)
      return { ok: true, status, body, instance, retryAfterSeconds, setCookies };
    return { ok: false, status, body, instance, retryAfterSeconds, setCookies };
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  const causeCode =
    typeof cause === 'object' && cause !== null && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  return `${error.name}: ${error.message}${causeCode ? ` (${causeCode})` : ''}`;
}

/** A stable private address per agent (its email or session), so per-IP login limits see many agents. */
function forwardedFor(identity: unknown): string {
  const text =
    typeof identity === 'object' && identity !== null && 'email' in identity
      ? String((identity as { email: unknown }).email)
      : String(identity ?? '');
  let hash = 0;
  for (const character of text) hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  return `10.${(hash >>> 16) & 255}.${(hash >>> 8) & 255}.${hash & 255}`;
}
