import { randomBytes } from 'node:crypto';
import Bull from 'bull';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AgentRole } from '@loyaldesk/contracts/agents-api';
import { defaultProfilePolicy } from '@loyaldesk/customer-profile/schemas';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { defaultProactiveNoticePolicy } from '../proactive/proactive-policy-store.ts';
import { apiClient, errorOf, signedInClient, startTestApp, type ApiClient, type TestApp } from '../testing/test-app.ts';
import { bullBoardFor } from './queue-board.ts';

type Caller = 'anonymous' | AgentRole;
const callers: Caller[] = ['anonymous', 'agent', 'manager', 'admin'];

interface Case {
  method: string;
  path: string;
  /** The least role allowed; 'public' for anyone. */
  access: 'public' | AgentRole;
  json?: () => unknown;
}

const rank: Record<Caller, number> = { anonymous: 0, agent: 1, manager: 2, admin: 3 };
const needed: Record<Case['access'], number> = { public: 0, agent: 1, manager: 2, admin: 3 };

describe('authorization matrix', () => {
  let app: TestApp;
  const clients = {} as Record<Caller, ApiClient>;
  let ticketId = '';
  let counter = 0;
  const targetAgentId = 'matrix-target';
  // One real Bull queue behind the board, under a prefix of this file's own.
  const boardQueue = new Bull<unknown>('authz-board-queue', {
    redis: inject('redisUrl'),
    prefix: `test_${randomBytes(6).toString('hex')}`,
  });

  beforeAll(async () => {
    app = await startTestApp({
      getDashboard: async (query) => ({ from: query.from, tickets: 0 }),
      queueBoard: bullBoardFor([boardQueue]),
    });
    clients.anonymous = apiClient(app.baseUrl);
    for (const role of ['agent', 'manager', 'admin'] as const) clients[role] = await signedInClient(app, role);
    const opened = await app.ticketing.tickets.open({ language: 'en', issueKind: 'general' });
    ticketId = opened.ticket.id;
    await app.ticketing.agents.insert(
      { id: targetAgentId, email: 'target@demo.loyaldesk', name: 'Target', role: 'agent', languages: ['en'], skills: ['general'], active: true, createdAt: new Date() },
      await app.ticketing.passwords.hash('target-agent-password'),
    );
  });
  afterAll(async () => {
    await boardQueue.obliterate({ force: true }).catch(() => undefined);
    await boardQueue.close();
    await app.stop();
  });

  // Each allowed call must not fail for a role reason; its own outcome (200, 404, 409) is the
  // route's business. A refused call must be 401 (anonymous) or 403 (role), nothing else.
  const cases = (): Case[] => [
    { method: 'GET', path: '/api/auth/me', access: 'agent' },
    { method: 'GET', path: '/api/tickets', access: 'agent' },
    { method: 'GET', path: '/api/tickets?status=assigned&assignee=me', access: 'agent' },
    { method: 'GET', path: `/api/tickets/${ticketId}`, access: 'agent' },
    {
      method: 'POST',
      path: '/api/tickets',
      access: 'public',
      json: () => ({ email: `shopper${counter++}@example.com`, subject: 'Where is it', message: 'Hello', language: 'en' }),
    },
    { method: 'POST', path: '/api/tickets/claim-next', access: 'agent' },
    { method: 'POST', path: `/api/tickets/${ticketId}/claim`, access: 'agent' },
    { method: 'POST', path: `/api/tickets/${ticketId}/assign`, access: 'manager', json: () => ({ agentId: 'demo-agent' }) },
    { method: 'POST', path: `/api/tickets/${ticketId}/reply`, access: 'agent', json: () => ({ body: 'On it' }) },
    { method: 'POST', path: `/api/tickets/${ticketId}/notes`, access: 'agent', json: () => ({ body: 'Note' }) },
    { method: 'POST', path: `/api/tickets/${ticketId}/pending`, access: 'agent' },
    { method: 'POST', path: `/api/tickets/${ticketId}/release`, access: 'agent' },
    { method: 'POST', path: `/api/tickets/${ticketId}/resolve`, access: 'agent' },
    { method: 'POST', path: `/api/tickets/${ticketId}/close`, access: 'agent' },
    { method: 'POST', path: `/api/tickets/${ticketId}/reopen`, access: 'agent' },
    { method: 'GET', path: '/api/policy/sla', access: 'agent' },
    { method: 'PUT', path: '/api/policy/sla', access: 'manager', json: () => defaultSlaPolicy },
    { method: 'GET', path: '/api/policy/proactive-notices', access: 'agent' },
    { method: 'PUT', path: '/api/policy/proactive-notices', access: 'manager', json: () => defaultProactiveNoticePolicy },
    { method: 'GET', path: '/api/policy/tiers', access: 'manager' },
    { method: 'PUT', path: '/api/policy/tiers', access: 'manager', json: () => defaultProfilePolicy },
    { method: 'GET', path: '/api/metrics?from=2025-01-01&to=2025-02-01', access: 'manager' },
    { method: 'GET', path: '/api/agents', access: 'manager' },
    {
      method: 'POST',
      path: '/api/agents',
      access: 'admin',
      json: () => ({
        email: `new${counter++}@demo.loyaldesk`,
        name: 'New Agent',
        role: 'agent',
        languages: ['en'],
        skills: ['general'],
        password: 'a-long-enough-password',
      }),
    },
    { method: 'PATCH', path: `/api/agents/${targetAgentId}`, access: 'admin', json: () => ({ name: `Target ${counter++}` }) },
    { method: 'GET', path: '/api/admin/queues', access: 'admin' },
    // The Bull Board (not under /api: its page, its API and an action of its UI).
    { method: 'GET', path: '/admin/queues', access: 'admin' },
    { method: 'GET', path: '/admin/queues/api/queues', access: 'admin' },
    { method: 'PUT', path: '/admin/queues/api/queues/authz-board-queue/retry/failed', access: 'admin' },
    { method: 'GET', path: '/api/openapi.json', access: 'public' },
    { method: 'GET', path: '/api/docs', access: 'public' },
    // Last: it signs the caller out.
    { method: 'POST', path: '/api/auth/logout', access: 'public' },
  ];

  it('covers every route the app serves', () => {
    const covered = new Set(cases().map((c) => `${c.method} ${c.path.split('?')[0]?.replace(ticketId, ':ticketId').replace(targetAgentId, ':agentId')}`));
    for (const route of app.ticketing.routes) {
      if (route.path === '/auth/login' || route.path === '/webhooks/orders') continue; // own tests
      expect(covered, `${route.method} ${route.path}`).toContain(`${route.method.toUpperCase()} /api${route.path}`);
    }
  });

  for (const caller of callers) {
    it(`answers ${caller} with the right status on every route`, async () => {
      for (const c of cases()) {
        const response = await clients[caller].request(c.method, c.path, c.json ? { json: c.json() } : {});
        const label = `${caller} ${c.method} ${c.path} → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`;
        if (rank[caller] >= needed[c.access]) {
          expect([401, 403], label).not.toContain(response.status);
          expect(response.status, label).toBeLessThan(500);
        } else {
          expect(response.status, label).toBe(caller === 'anonymous' ? 401 : 403);
        }
      }
      expect((await clients[caller].request('GET', '/api/auth/me')).status).toBe(401);
      if (caller !== 'anonymous') clients[caller] = await signedInClient(app, caller);
    });
  }

  it('refuses state-changing requests without the X-Requested-With header (CSRF)', async () => {
    const response = await clients.manager.request('POST', `/api/tickets/${ticketId}/notes`, { json: { body: 'x' }, csrf: false });
    expect(response.status).toBe(403);
    expect((response.body as { error: { code: string } }).error.code).toBe('loyaldesk:csrf_header_missing');
  });

  describe('Bull Board actions (its UI sends no X-Requested-With)', () => {
    const retryFailed = '/admin/queues/api/queues/authz-board-queue/retry/failed';
    // The status, and for a refusal its error code (so a 403 is the CSRF check, not the role).
    const put = async (headers: Record<string, string>): Promise<number | string> => {
      const response = await clients.admin.request('PUT', retryFailed, { headers, csrf: false });
      return response.status === 200 ? 200 : `${response.status} ${errorOf(response).code ?? ''}`;
    };
    const refused = '403 loyaldesk:csrf_header_missing';

    it('accepts a same-origin request of the board page (Origin or Sec-Fetch-Site)', async () => {
      expect(await put({ Origin: app.baseUrl })).toBe(200);
      expect(await put({ 'Sec-Fetch-Site': 'same-origin' })).toBe(200);
    });

    it('refuses another origin of the same site, and a request with no proof of origin', async () => {
      const otherPort = new URL(app.baseUrl);
      otherPort.port = String(Number(otherPort.port) + 1);
      expect(await put({ Origin: otherPort.origin })).toBe(refused);
      expect(await put({ 'Sec-Fetch-Site': 'same-site', Origin: app.baseUrl })).toBe(refused);
      expect(await put({ Origin: 'null' })).toBe(refused);
      expect(await put({})).toBe(refused);
      // A script with the admin's cookie may say so with the header, as on every /api route.
      expect(await put({ 'X-Requested-With': 'script' })).toBe(200);
    });
  });

  it('sets an httpOnly SameSite=Strict session cookie on login', async () => {
    const response = await apiClient(app.baseUrl).request('POST', '/api/auth/login', {
      json: { email: app.logins.agent.email, password: app.logins.agent.password },
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ld_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });
});
