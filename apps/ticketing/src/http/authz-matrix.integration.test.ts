import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRole } from '../agents/agent.ts';
import { apiClient, signedInClient, startTestApp, type ApiClient, type TestApp } from '../testing/test-app.ts';
import { defaultProfilePolicy } from '@loyaldesk/customer-profile/schemas';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';

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

  beforeAll(async () => {
    app = await startTestApp({ getDashboard: async (query) => ({ from: query.from, tickets: 0 }) });
    clients.anonymous = apiClient(app.baseUrl);
    for (const role of ['agent', 'manager', 'admin'] as const) clients[role] = await signedInClient(app, role);
    const opened = await app.ticketing.tickets.open({ language: 'en', issueKind: 'general' });
    ticketId = opened.ticket.id;
  });
  afterAll(async () => {
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
    { method: 'GET', path: '/api/admin/queues', access: 'admin' },
    { method: 'GET', path: '/api/openapi.json', access: 'public' },
    { method: 'GET', path: '/api/docs', access: 'public' },
    // Last: it signs the caller out.
    { method: 'POST', path: '/api/auth/logout', access: 'public' },
  ];

  it('covers every route the app serves', () => {
    const covered = new Set(cases().map((c) => `${c.method} ${c.path.split('?')[0]?.replace(ticketId, ':ticketId')}`));
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
