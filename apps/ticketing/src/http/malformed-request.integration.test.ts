import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf, signedInClient, startTestApp, type ApiClient, type TestApp } from '../testing/test-app.ts';

// Found by the fuzz suite (test/fuzz): requests the routers and static files refuse before any
// handler runs used to reach the error handler as unknown errors and come back as 500s.
describe('requests refused before a handler runs', () => {
  let app: TestApp;
  let agent: ApiClient;

  beforeAll(async () => {
    app = await startTestApp();
    agent = await signedInClient(app, 'agent');
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers a path parameter that is not valid percent-encoding with 400 naming the path, never 500', async () => {
    for (const [method, path] of [
      ['GET', '/api/tickets/%u0041'],
      ['GET', '/api/tickets/%'],
      ['POST', '/api/tickets/%E0%A4%A/reply'],
      ['POST', '/api/tickets/%zz/claim'],
    ] as const) {
      const response = await agent.request(method, path, method === 'POST' ? { json: { body: 'hello' } } : {});
      expect(response.status, `${method} ${path} → ${JSON.stringify(response.body)}`).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: 'loyaldesk:malformed_url', field: 'path' });
    }
  });

  it('answers a docs asset that does not exist with 404, never 500', async () => {
    for (const file of ['no-such-file.css', 'null', '%7B%7D']) {
      const response = await apiClient(app.baseUrl).request('GET', `/api/docs/assets/${file}`);
      expect(response.status, `${file} → ${JSON.stringify(response.body)}`).toBe(404);
      expect(errorOf(response).code).toBe('loyaldesk:not_found');
    }
    expect((await apiClient(app.baseUrl).request('GET', '/api/docs/assets/..%2Fpackage.json')).status).toBe(403);
    expect((await apiClient(app.baseUrl).request('GET', '/api/docs/assets/swagger-ui.css')).status).toBe(200);
  });
});
