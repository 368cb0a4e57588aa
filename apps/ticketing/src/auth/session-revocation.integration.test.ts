import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  errorOf,
  signedInClient,
  startSecondInstance,
  startTestApp,
  type ApiClient,
  type TestApp,
} from '../testing/test-app.ts';

// Sessions end on the server: logout, deactivation and role changes reach the REST API at once
// and close the agent's live sockets on every instance.

function open(baseUrl: string, cookie: string | undefined): Promise<Socket> {
  const socket = connect(`${baseUrl}/agents`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: cookie ? { Cookie: cookie } : {},
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Resolves when the server closes the socket (bounded). */
function closedByServer(socket: Socket, timeoutMs = 10_000): Promise<string> {
  if (!socket.connected) return Promise.resolve('already closed');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** A round trip on the socket: it is open and the server still answers it. */
async function answers(socket: Socket): Promise<boolean> {
  const ack = (await socket.timeout(5000).emitWithAck('ticket.watch', { ticketId: 'tkt_any' })) as { ok: boolean };
  return ack.ok;
}

describe('revocable sessions', () => {
  let app: TestApp;
  let second: Awaited<ReturnType<typeof startSecondInstance>>;
  let admin: ApiClient;
  const sockets: Socket[] = [];
  const track = (socket: Socket): Socket => (sockets.push(socket), socket);

  beforeAll(async () => {
    app = await startTestApp();
    second = await startSecondInstance(app);
    admin = await signedInClient(app, 'admin');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await second?.stop();
    await app?.stop();
  });

  it('logout ends the session on the server: the old cookie gets 401 from then on', async () => {
    const agent = await signedInClient(app, 'agent');
    const copied = agent.cookie;
    expect((await agent.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await agent.request('POST', '/api/auth/logout')).status).toBe(204);

    const replayed = apiClient(app.baseUrl);
    replayed.cookie = copied;
    const me = await replayed.request('GET', '/api/auth/me');
    expect(me.status).toBe(401);
    expect(errorOf(me).code).toBe('loyaldesk:unauthenticated');
    // On the other instance too, and for the socket handshake.
    const elsewhere = apiClient(second.baseUrl);
    elsewhere.cookie = copied;
    expect((await elsewhere.request('GET', '/api/auth/me')).status).toBe(401);
    await expect(open(app.baseUrl, copied)).rejects.toThrow(/unauthenticated/);
  });

  it("logout closes that session's sockets on every instance, and only that session's", async () => {
    const laptop = await signedInClient(app, 'agent');
    const phone = await signedInClient(app, 'agent');
    const laptopHere = track(await open(app.baseUrl, laptop.cookie));
    const laptopThere = track(await open(second.baseUrl, laptop.cookie));
    const phoneThere = track(await open(second.baseUrl, phone.cookie));

    const closed = Promise.all([closedByServer(laptopHere), closedByServer(laptopThere)]);
    expect((await laptop.request('POST', '/api/auth/logout')).status).toBe(204);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await answers(phoneThere)).toBe(true);
    expect((await phone.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it("deactivating an agent ends all their sessions and closes their sockets everywhere; a role change closes the sockets, and the next one has the new role", async () => {
    const created = await admin.request('POST', '/api/agents', {
      json: { email: 'temp@demo.loyaldesk', name: 'Temp Agent', role: 'agent', languages: ['en'], skills: ['general'], password: 'temp-agent-password' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const tempId = (created.body as { agent: { id: string } }).agent.id;
    const signIn = async (): Promise<ApiClient> => {
      const client = apiClient(app.baseUrl);
      const response = await client.request('POST', '/api/auth/login', { json: { email: 'temp@demo.loyaldesk', password: 'temp-agent-password' } });
      expect(response.status).toBe(200);
      return client;
    };

    // Promoted: the sockets close; a new one is a manager's (presence.list needs the manager role).
    const temp = await signIn();
    const before = track(await open(second.baseUrl, temp.cookie));
    const denied = (await before.timeout(5000).emitWithAck('presence.list', {})) as { ok: boolean };
    expect(denied.ok).toBe(false);
    const promotedClosed = closedByServer(before);
    const promoted = await admin.request('PATCH', `/api/agents/${tempId}`, { json: { role: 'manager' } });
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    expect(await promotedClosed).toBe('io server disconnect');
    expect((await temp.request('GET', '/api/auth/me')).body).toMatchObject({ agent: { role: 'manager' } });
    const after = track(await open(second.baseUrl, temp.cookie));
    expect(((await after.timeout(5000).emitWithAck('presence.list', {})) as { ok: boolean }).ok).toBe(true);

    // Deactivated: every session ends (this one and another), every socket closes.
    const other = await signIn();
    const otherSocket = track(await open(app.baseUrl, other.cookie));
    const allClosed = Promise.all([closedByServer(after), closedByServer(otherSocket)]);
    const deactivated = await admin.request('PATCH', `/api/agents/${tempId}`, { json: { active: false } });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body).toMatchObject({ agent: { id: tempId, active: false } });
    await allClosed;
    for (const client of [temp, other]) expect((await client.request('GET', '/api/auth/me')).status).toBe(401);
    const again = await apiClient(app.baseUrl).request('POST', '/api/auth/login', {
      json: { email: 'temp@demo.loyaldesk', password: 'temp-agent-password' },
    });
    expect(again.status).toBe(401);
  });

  it('refuses an admin deactivating or demoting themselves, naming the field, and an unknown agent with 404', async () => {
    const self = await admin.request('PATCH', '/api/agents/demo-admin', { json: { active: false } });
    expect(self.status).toBe(409);
    expect(errorOf(self).field).toBe('active');
    const demote = await admin.request('PATCH', '/api/agents/demo-admin', { json: { role: 'agent' } });
    expect(errorOf(demote).field).toBe('role');
    const missing = await admin.request('PATCH', '/api/agents/agt_nobody', { json: { name: 'Nobody' } });
    expect(missing.status).toBe(404);
    const empty = await admin.request('PATCH', '/api/agents/demo-agent', { json: {} });
    expect(empty.status).toBe(400);
  });
});
