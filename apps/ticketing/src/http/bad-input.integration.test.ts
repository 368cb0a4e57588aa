import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf, signedInClient, startTestApp, type ApiClient, type TestApp } from '../testing/test-app.ts';

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; [keyword: string]: unknown };

describe('bad input', () => {
  let app: TestApp;
  let agent: ApiClient;
  let manager: ApiClient;
  let admin: ApiClient;
  let ticketId = '';

  beforeAll(async () => {
    app = await startTestApp({
      getDashboard: async () => {
        throw new Error('database exploded at 10.0.0.7:27017');
      },
      loginLimits: { failuresPerEmailAndIp: 3 },
    });
    [agent, manager, admin] = await Promise.all([signedInClient(app, 'agent'), signedInClient(app, 'manager'), signedInClient(app, 'admin')]);
    ticketId = (await app.ticketing.tickets.open({ language: 'en', issueKind: 'general' })).ticket.id;
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const response = await agent.request('POST', `/api/tickets/${ticketId}/reply`, { raw: '{"body": "unterminated' });
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('loyaldesk:malformed_json');
  });

  it('names the field for wrong types, missing fields and bad values, never 500', async () => {
    const cases: Array<[ApiClient, string, string, unknown, string]> = [
      [agent, 'POST', `/api/tickets/${ticketId}/reply`, { body: 42 }, 'body'],
      [agent, 'POST', `/api/tickets/${ticketId}/reply`, {}, 'body'],
      [agent, 'POST', `/api/tickets/${ticketId}/reply`, { body: 'x'.repeat(5001) }, 'body'],
      [agent, 'POST', `/api/tickets/${ticketId}/notes`, ['not', 'an', 'object'], 'body'],
      [agent, 'POST', '/api/tickets', { email: 'not-an-email', subject: 's', message: 'm', language: 'en' }, 'email'],
      [agent, 'POST', '/api/tickets', { email: 'a@b.co', subject: 'x'.repeat(201), message: 'm', language: 'en' }, 'subject'],
      [agent, 'POST', '/api/tickets', { email: 'a@b.co', subject: 's', message: 'm', language: 'fr' }, 'language'],
      [manager, 'POST', `/api/tickets/${ticketId}/assign`, { agentId: 'has spaces' }, 'agentId'],
      [manager, 'PUT', '/api/policy/sla', { firstResponseMinutes: { bronze: 'slow' } }, 'firstResponseMinutes.bronze'],
      [admin, 'POST', '/api/agents', { email: 'x@example.com', name: 'X', role: 'god', languages: ['en'], skills: ['general'], password: 'long-enough-pass' }, 'role'],
      [agent, 'POST', '/api/auth/login', { email: 'agent@demo.loyaldesk' }, 'password'],
    ];
    for (const [client, method, path, json, field] of cases) {
      const response = await client.request(method, path, { json });
      const label = `${method} ${path} ${JSON.stringify(json).slice(0, 80)} → ${JSON.stringify(response.body)}`;
      expect(response.status, label).toBe(400);
      expect(errorOf(response).field, label).toBe(field);
    }
  });

  it('names the bad query or path parameter', async () => {
    const cases: Array<[ApiClient, string, number, string]> = [
      [agent, '/api/tickets?status=lost', 400, 'status'],
      [agent, '/api/tickets?limit=1000', 400, 'limit'],
      [agent, '/api/tickets?limit=abc', 400, 'limit'],
      [agent, '/api/tickets?breached=maybe', 400, 'breached'],
      [agent, '/api/tickets?status=open&status=closed', 400, 'status'],
      [agent, '/api/tickets?cursor=bm90LWEtY3Vyc29y', 400, 'cursor'],
      [agent, '/api/tickets/bad:id', 400, 'ticketId'],
      [agent, '/api/tickets/tkt_does_not_exist', 404, 'ticketId'],
      [manager, '/api/metrics?from=yesterday&to=2025-01-01', 400, 'from'],
      [manager, '/api/metrics?from=2025-02-01&to=2025-01-01', 400, 'to'],
    ];
    for (const [client, path, status, field] of cases) {
      const response = await client.request('GET', path);
      expect(response.status, `${path} → ${JSON.stringify(response.body)}`).toBe(status);
      expect(errorOf(response).field, path).toBe(field);
    }
  });

  it('never answers 500 to junk bodies or queries on any route', async () => {
    const junk: unknown[] = [null, [], 'text', 123, true, {}, { body: { nested: [1, { deep: null }] } }, { __proto__: { polluted: 1 } }, { email: [], password: {} }];
    for (const route of app.ticketing.routes) {
      if (route.path === '/auth/logout') continue; // would sign the clients out
      const path = `/api${route.path.replace(':ticketId', ticketId)}`;
      for (const client of [agent, admin]) {
        for (const json of junk) {
          if (route.method === 'get') {
            const response = await client.request('GET', `${path}?limit=${encodeURIComponent(JSON.stringify(json))}&from=${encodeURIComponent(String(json))}`);
            expect(response.status, `GET ${path} ${JSON.stringify(json)} → ${JSON.stringify(response.body)}`).not.toBe(500);
            continue;
          }
          const response = await client.request(route.method.toUpperCase(), path, { raw: JSON.stringify(json) });
          // The metrics route's stub throws on purpose; everything else must stay a 2xx or 4xx.
          expect(response.status, `${route.method} ${path} ${JSON.stringify(json)} → ${JSON.stringify(response.body)}`).toBeLessThan(500);
        }
      }
    }
  });

  it('answers unknown ids with 404 naming the field', async () => {
    for (const action of ['claim', 'release', 'resolve', 'reopen']) {
      const response = await agent.request('POST', `/api/tickets/tkt_nope/${action}`);
      expect(response.status).toBe(404);
      expect(errorOf(response)).toMatchObject({ code: 'loyaldesk:ticket_not_found', field: 'ticketId' });
    }
    const assign = await manager.request('POST', `/api/tickets/${ticketId}/assign`, { json: { agentId: 'agt_ghost' } });
    expect(assign.status).toBe(404);
    expect(errorOf(assign).field).toBe('agentId');
    const route = await agent.request('GET', '/api/nothing-here');
    expect(route.status).toBe(404);
  });

  it('hides a server error behind an errorId and no details', async () => {
    const response = await manager.request('GET', '/api/metrics?from=2025-01-01&to=2025-02-01');
    expect(response.status).toBe(500);
    const error = errorOf(response);
    expect(error.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(response.body)).not.toMatch(/exploded|10\.0\.0\.7|at .*\.ts/);
  });

  it('limits failed logins per email and IP with 429 and Retry-After', async () => {
    const client = apiClient(app.baseUrl);
    const attempt = (password: string) => client.request('POST', '/api/auth/login', { json: { email: 'manager@demo.loyaldesk', password } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('wrong-password')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt(app.logins.manager.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same IP is not locked out by these failures.
    expect((await client.request('POST', '/api/auth/login', { json: { email: app.logins.agent.email, password: app.logins.agent.password } })).status).toBe(200);
  });

  it('serves the OpenAPI document generated from the route schemas, and the docs UI without a CDN', async () => {
    const response = await apiClient(app.baseUrl).request('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }; parameters?: Array<{ name: string; in: string }> }>> };
    expect(doc.openapi).toBe('3.1.0');
    const reply = doc.paths['/api/tickets/{ticketId}/reply']?.['post'];
    expect(reply?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(['path:ticketId', 'header:X-Requested-With']);
    expect(Object.keys(reply?.requestBody?.content['application/json']?.schema.properties ?? {})).toEqual(['body', 'clientMessageId']);
    const list = doc.paths['/api/tickets']?.['get'];
    expect(list?.parameters?.map((p) => p.name)).toEqual(['status', 'tier', 'assignee', 'breached', 'language', 'cursor', 'limit']);
    for (const route of app.ticketing.routes) {
      expect(doc.paths[`/api${route.path.replace(/:(\w+)/g, '{$1}')}`]?.[route.method], route.path).toBeDefined();
    }
    // Answers are documented from the contracts' response schemas, field by field.
    const answer = (path: string, method: string, status = '200'): JsonSchema | undefined =>
      (doc.paths[path]?.[method] as { responses?: Record<string, { content?: Record<string, { schema: JsonSchema }> }> } | undefined)
        ?.responses?.[status]?.content?.['application/json']?.schema;
    expect(Object.keys(answer('/api/metrics', 'get')?.properties ?? {})).toEqual(
      expect.arrayContaining(['csatScore', 'netPromoterScore', 'backlog', 'agents', 'trends', 'retention']),
    );
    const detailTicket = answer('/api/tickets/{ticketId}', 'get')?.properties?.['ticket'];
    expect(Object.keys(detailTicket?.properties ?? {})).toEqual(expect.arrayContaining(['channel', 'conversationId', 'breakdown', 'messages']));
    expect(detailTicket?.properties?.['createdAt']).toMatchObject({ type: 'string', format: 'date-time' });
    const summary = answer('/api/tickets', 'get')?.properties?.['items']?.items;
    expect(summary?.properties?.['channel']).toMatchObject({ enum: ['chat', 'web', 'email'] });
    const docs = await apiClient(app.baseUrl).request('GET', '/api/docs');
    expect(String(docs.body)).toMatch(/swagger-ui-bundle\.js/);
    const bundle = await fetch(`${app.baseUrl}/api/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });
});
