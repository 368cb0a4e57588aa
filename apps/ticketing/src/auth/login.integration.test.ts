import { performance } from 'node:perf_hooks';
import { hash as bcryptHash } from '@node-rs/bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketingAppConfig } from '../app.ts';
import { apiClient, errorOf, signedInClient, startTestApp, type ApiClient, type ApiResponse, type TestApp } from '../testing/test-app.ts';

// Login under attack: limits taken before the hash, per account as well as per address, the
// client address read behind the console's proxy, hashing off the event loop and a few at a time.

/** An anonymous client whose requests arrive through one proxy hop that saw them from `ip`. */
function clientBehindProxy(app: TestApp, ip: string): ApiClient {
  const client = apiClient(app.baseUrl);
  const request = client.request.bind(client);
  client.request = (method, path, options = {}) =>
    request(method, path, { ...options, headers: { ...options.headers, 'X-Forwarded-For': ip } });
  return client;
}

const login = (client: ApiClient, email: string, password: string): Promise<ApiResponse> =>
  client.request('POST', '/api/auth/login', { json: { email, password } });

/** A bcrypt account as accounts were stored before argon2id (cost 12, the old production default). */
async function addLegacyAccount(app: TestApp, id: string, password: string): Promise<string> {
  const email = `${id}@legacy.loyaldesk`;
  await app.ticketing.agents.insert(
    { id, email, name: `Legacy ${id}`, role: 'agent', languages: ['en'], skills: ['general'], active: true, createdAt: new Date() },
    await bcryptHash(password, 12),
  );
  return email;
}

async function storedHashOf(app: TestApp, agentId: string): Promise<string> {
  const document = await app.db.connection.db?.collection<{ _id: string; passwordHash: string }>('agents').findOne({ _id: agentId });
  return document?.passwordHash ?? '';
}

async function withApp(config: Partial<TicketingAppConfig>, run: (app: TestApp) => Promise<void>): Promise<void> {
  const app = await startTestApp({ config });
  try {
    await run(app);
  } finally {
    await app.stop();
  }
}

describe('login under attack', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ config: { trustProxyHops: 1 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('takes the limit before hashing: 40 concurrent wrong passwords get 5 × 401 and 35 × 429 with Retry-After', async () => {
    const client = clientBehindProxy(app, '192.0.2.40');
    const responses = await Promise.all(Array.from({ length: 40 }, () => login(client, app.logins.agent.email, 'wrong-password')));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);
    for (const response of responses.filter((r) => r.status === 429)) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('reads the client address from the trusted hop, from the right: agents behind the console are limited apart', async () => {
    await withApp({ trustProxyHops: 1, loginLimits: { failuresPerIp: 3 } }, async (proxied) => {
      // Three failures seen by the console from 10.0.0.1, each with a different forged leftmost entry.
      for (const forged of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
        const response = await login(clientBehindProxy(proxied, `${forged}, 10.0.0.1`), `nobody-${forged}@example.com`, 'guess');
        expect(response.status).toBe(401);
      }
      // Forging another leftmost entry does not escape 10.0.0.1's budget…
      expect((await login(clientBehindProxy(proxied, '203.0.113.4, 10.0.0.1'), 'someone@example.com', 'guess')).status).toBe(429);
      // …and another agent behind the same console (10.0.0.2) is not locked out by it.
      const colleague = await login(clientBehindProxy(proxied, '10.0.0.2'), proxied.logins.manager.email, proxied.logins.manager.password);
      expect(colleague.status).toBe(200);
    });
  });

  it('backs off per account whatever the address: after 10 failures the account is locked, also for the right password', async () => {
    await withApp({ trustProxyHops: 1, loginLimits: { failuresPerEmailAndIp: 1000, failuresPerIp: 1000 } }, async (spread) => {
      const { email, password } = spread.logins.agent;
      const statuses: number[] = [];
      for (let i = 0; i < 14; i++) statuses.push((await login(clientBehindProxy(spread, `198.18.0.${i + 1}`), email, 'wrong-password')).status);
      expect(statuses).toEqual([...Array<number>(10).fill(401), 429, 429, 429, 429]);
      const locked = await login(clientBehindProxy(spread, '198.18.1.1'), email, password);
      expect(locked.status).toBe(429);
      // The first lockout of the day: a minute.
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(50);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      // Other accounts are not affected.
      expect((await login(clientBehindProxy(spread, '198.18.1.2'), spread.logins.manager.email, spread.logins.manager.password)).status).toBe(200);
    });
  });

  it('counts every character of a long password (no 72-byte truncation) and refuses one over 256 characters naming the field', async () => {
    const admin = await signedInClient(app, 'admin');
    const password = `${'correct horse battery staple '.repeat(3)}`.padEnd(100, '!');
    const created = await admin.request('POST', '/api/agents', {
      json: { email: 'long@demo.loyaldesk', name: 'Long Password', role: 'agent', languages: ['en'], skills: ['general'], password },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const client = clientBehindProxy(app, '192.0.2.72');
    expect((await login(client, 'long@demo.loyaldesk', `${password.slice(0, 72)}-something-else`)).status).toBe(401);
    expect((await login(client, 'long@demo.loyaldesk', password)).status).toBe(200);

    const tooLong = await login(client, 'long@demo.loyaldesk', 'x'.repeat(257));
    expect(tooLong.status).toBe(400);
    expect(errorOf(tooLong).field).toBe('password');
    const longest = await admin.request('POST', '/api/agents', {
      json: { email: 'longest@demo.loyaldesk', name: 'Longest', role: 'agent', languages: ['en'], skills: ['general'], password: 'y'.repeat(256) },
    });
    expect(longest.status, JSON.stringify(longest.body)).toBe(201);
    expect((await login(client, 'longest@demo.loyaldesk', 'y'.repeat(256))).status).toBe(200);
  });

  it('checks cost-12 bcrypt accounts off the event loop, and upgrades them to argon2id on a successful login', async () => {
    const email = await addLegacyAccount(app, 'legacy-1', 'legacy-password-1');
    const client = clientBehindProxy(app, '192.0.2.12');
    // Event loop utilization: the share of the time the loop was busy (not waiting for I/O or
    // the thread pool) while four cost-12 bcrypt checks ran. On the loop, they keep it busy.
    const before = performance.eventLoopUtilization();
    const attempts = await Promise.all(Array.from({ length: 4 }, () => login(client, email, 'wrong-password')));
    const busy = performance.eventLoopUtilization(before);
    expect(attempts.map((response) => response.status)).toEqual([401, 401, 401, 401]);
    expect(busy.utilization, `event loop busy ${(busy.utilization * 100).toFixed(0)}% of ${busy.idle + busy.active} ms`).toBeLessThan(0.5);

    expect(await storedHashOf(app, 'legacy-1')).toMatch(/^\$2[aby]\$12\$/);
    expect((await login(client, email, 'legacy-password-1')).status).toBe(200);
    expect(await storedHashOf(app, 'legacy-1')).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect((await login(client, email, 'legacy-password-1')).status).toBe(200);
  });

  it('checks a few passwords at a time: a burst past the slots and their waiting line gets 429 login_busy with Retry-After', async () => {
    await withApp({ trustProxyHops: 1, maxConcurrentHashes: 1 }, async (busy) => {
      // Hold every check until the burst has arrived, and count how many run at once.
      let running = 0;
      let mostAtOnce = 0;
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const passwords = busy.ticketing.passwords;
      const hold = <T>(check: () => Promise<T>) => async (): Promise<T> => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        try {
          await gate;
          return await check();
        } finally {
          running -= 1;
        }
      };
      const { verify, verifyDummy } = passwords;
      passwords.verify = (password, stored) => hold(() => verify(password, stored))();
      passwords.verifyDummy = (password) => hold(() => verifyDummy(password))();

      const settled: ApiResponse[] = [];
      const burst = Array.from({ length: 10 }, (_, i) =>
        login(clientBehindProxy(busy, `192.0.2.${100 + i}`), `burst${i}@example.com`, 'guess').then((response) => {
          settled.push(response);
          return response;
        }),
      );
      // One checks, two wait (twice the slots); the other seven are refused at once.
      await waitUntil(() => settled.length >= 7, 'seven refusals');
      expect(settled.map((response) => response.status)).toEqual(Array<number>(7).fill(429));
      for (const response of settled) {
        expect(errorOf(response).code).toBe('loyaldesk:login_busy');
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      open();
      const all = await Promise.all(burst);
      expect(all.filter((response) => response.status === 401)).toHaveLength(3);
      expect(mostAtOnce).toBe(1);
    });
  });
});

/** Waits (bounded) until `done` holds. */
async function waitUntil(done: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
