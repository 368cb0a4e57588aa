import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allJobQueues } from '../jobs/job-queues.ts';
import { apiClient, errorOf, signedInClient, startWiredTestApp, type WiredTestApp } from '../testing/test-app.ts';

// The board as ticketing runs it: startTicketing opens the queues and hands them to the app.
describe('Bull Board at /admin/queues', () => {
  let app: WiredTestApp;

  beforeAll(async () => {
    app = await startWiredTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('serves its page to an admin and lists every ticketing queue through its API', async () => {
    const admin = await signedInClient(app, 'admin');
    const page = await admin.request('GET', '/admin/queues');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(String(page.body)).toContain('<base href="/admin/queues/"');
    expect(String(page.body)).toContain('__UI_CONFIG__');

    // The page's own script and stylesheet (relative to the base) are served too.
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(String(page.body))?.[1];
    expect(script).toBeDefined();
    expect((await admin.request('GET', `/admin/queues/${script ?? ''}`)).status).toBe(200);

    const api = await admin.request('GET', '/admin/queues/api/queues');
    expect(api.status).toBe(200);
    const names = (api.body as { queues: Array<{ name: string }> }).queues.map((queue) => queue.name).sort();
    expect(names).toEqual(allJobQueues(app.service.jobQueues).map((queue) => queue.name).sort());

    // The JSON counts stay where they were.
    expect((await admin.request('GET', '/api/admin/queues')).status).toBe(200);
  });

  it('refuses anonymous callers with a sign-in hint and non-admins with 403', async () => {
    const anonymous = await apiClient(app.baseUrl).request('GET', '/admin/queues');
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).message).toMatch(/POST \/api\/auth\/login/);
    for (const role of ['agent', 'manager'] as const) {
      const client = await signedInClient(app, role);
      expect((await client.request('GET', '/admin/queues')).status).toBe(403);
      expect((await client.request('GET', '/admin/queues/api/queues')).status).toBe(403);
    }
  });

  it('refuses to clean an unknown job status with 400 naming queueStatus (found by the fuzz suite; was a 500)', async () => {
    const admin = await signedInClient(app, 'admin');
    const queue = allJobQueues(app.service.jobQueues)[0]?.name ?? '';
    for (const status of ['waiting', 'null', 'x%20y', 'latest']) {
      const response = await admin.request('PUT', `/admin/queues/api/queues/${queue}/clean/${status}`);
      expect(response.status, `${status} → ${JSON.stringify(response.body)}`).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: 'loyaldesk:validation_failed', field: 'queueStatus' });
    }
    expect((await admin.request('PUT', `/admin/queues/api/queues/${queue}/clean/completed`)).status).toBe(200);
  });

  it('answers promote-all racing another promote-all with 2xx or 409, never a 500 that shows Bull’s message (found by the fuzz suite)', async () => {
    const admin = await signedInClient(app, 'admin');
    const queue = app.service.jobQueues.slaTimers;
    await Promise.all(Array.from({ length: 200 }, (_, index) => queue.add({ fuzz: index }, { delay: 3_600_000, jobId: `race-${index}` })));
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => admin.request('PUT', `/admin/queues/api/queues/${encodeURIComponent(queue.name)}/promote`)),
    );
    for (const response of responses) {
      expect([200, 409], JSON.stringify(response.body)).toContain(response.status);
      if (response.status === 409) expect(errorOf(response).code).toBe('loyaldesk:job_state_changed');
    }
    await queue.empty();
  });

  it('answers a malformed JSON body or path on the board with 400 in our error shape', async () => {
    const admin = await signedInClient(app, 'admin');
    const queue = encodeURIComponent(app.service.jobQueues.slaTimers.name);
    const badJson = await admin.request('PUT', `/admin/queues/api/queues/${queue}/pause`, { raw: '{"unterminated' });
    expect(badJson.status).toBe(400);
    expect(errorOf(badJson).code).toBe('loyaldesk:malformed_json');
    const badPath = await admin.request('GET', '/admin/queues/api/queues/%u0041/metrics');
    expect(badPath.status).toBe(400);
    expect(errorOf(badPath)).toMatchObject({ code: 'loyaldesk:malformed_url', field: 'path' });
  });

  it('answers retry-all racing another retry-all with 2xx or 409, never a 500 (found by the fuzz suite)', async () => {
    const admin = await signedInClient(app, 'admin');
    const queue = app.service.jobQueues.slaTimers;
    // Payloads the SLA timer worker cannot parse: it fails each at once.
    await Promise.all(Array.from({ length: 150 }, (_, index) => queue.add({ fuzz: index }, { jobId: `failing-${index}`, attempts: 1 })));
    const deadline = Date.now() + 30_000;
    while ((await queue.getJobCounts()).failed < 150 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await queue.getJobCounts()).failed).toBeGreaterThanOrEqual(150);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => admin.request('PUT', `/admin/queues/api/queues/${encodeURIComponent(queue.name)}/retry/failed`)),
    );
    for (const response of responses) {
      expect([200, 409], JSON.stringify(response.body)).toContain(response.status);
      if (response.status === 409) expect(errorOf(response).code).toBe('loyaldesk:job_state_changed');
    }
  });
});
