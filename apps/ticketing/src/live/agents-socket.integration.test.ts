import { Emitter } from '@socket.io/redis-emitter';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRole } from '@loyaldesk/contracts/agents-api';
import { agentServerEvents, type AgentSocketError } from '@loyaldesk/contracts/agents-events';
import { apiClient, signedInClient, startTestApp, type ApiClient, type TestApp } from '../testing/test-app.ts';
import { emitSlaBreached } from './agent-events.ts';
import { clientEvents } from './agents-socket.ts';

type AckReply = { ok: true; data?: unknown } | { ok: false; error: AgentSocketError };

function open(app: TestApp, cookie: string | undefined, headers: Record<string, string> = {}): Promise<Socket> {
  const socket = connect(`${app.baseUrl}/agents`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

function next<T>(socket: Socket, event: string, matches: (payload: T) => boolean = () => true, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const listener = (payload: T): void => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

const validPayloads: Record<string, (ticketId: string) => unknown> = {
  'ticket.watch': (ticketId) => ({ ticketId }),
  'ticket.unwatch': (ticketId) => ({ ticketId }),
  typing: (ticketId) => ({ ticketId, typing: true }),
  'presence.list': () => ({}),
};

describe('/agents namespace', () => {
  let app: TestApp;
  const clients = {} as Record<AgentRole, ApiClient>;
  const sockets = {} as Record<AgentRole, Socket>;
  let ticketId = '';

  beforeAll(async () => {
    app = await startTestApp();
    for (const role of ['agent', 'manager', 'admin'] as const) {
      clients[role] = await signedInClient(app, role);
      sockets[role] = await open(app, clients[role].cookie);
    }
    ticketId = (await app.ticketing.tickets.open({ language: 'en', issueKind: 'general' })).ticket.id;
  });
  afterAll(async () => {
    for (const socket of Object.values(sockets)) socket.close();
    await app.stop();
  });

  it('refuses a handshake without a valid session cookie, or from a foreign page', async () => {
    await expect(open(app, undefined)).rejects.toThrow(/unauthenticated/);
    await expect(open(app, 'ld_session=forged.jwt.value')).rejects.toThrow(/unauthenticated/);
    await expect(open(app, clients.agent.cookie, { Origin: 'https://evil.example' })).rejects.toThrow(/forbidden origin/);
  });

  it('checks the role of every client event for every role', async () => {
    expect(Object.keys(validPayloads).sort()).toEqual(Object.keys(clientEvents).sort());
    for (const role of ['agent', 'manager', 'admin'] as const) {
      for (const [event, definition] of Object.entries(clientEvents)) {
        const reply = (await sockets[role].timeout(3000).emitWithAck(event, validPayloads[event]?.(ticketId))) as AckReply;
        const allowed = role === 'admin' || role === definition.minRole || (role === 'manager' && definition.minRole === 'agent');
        expect(reply.ok, `${role} ${event} → ${JSON.stringify(reply)}`).toBe(allowed);
        if (!reply.ok) expect(reply.error.code).toBe('loyaldesk:forbidden');
      }
    }
  });

  it('answers a bad payload or an unknown event with an error event naming the field, and stays connected', async () => {
    const errorEvent = next<AgentSocketError>(sockets.agent, agentServerEvents.error);
    sockets.agent.emit('typing', { ticketId: 'bad id!', typing: 'yes' });
    expect(await errorEvent).toMatchObject({ event: 'typing', code: 'loyaldesk:validation_failed', field: 'ticketId' });
    const noPayload = (await sockets.agent.timeout(3000).emitWithAck('ticket.watch')) as AckReply;
    expect(noPayload).toMatchObject({ ok: false, error: { field: 'payload' } });
    const unknown = (await sockets.agent.timeout(3000).emitWithAck('tickets.drop_all', {})) as AckReply;
    expect(unknown).toMatchObject({ ok: false, error: { code: 'loyaldesk:unknown_event' } });
    expect(sockets.agent.connected).toBe(true);
  });

  it('lists who is online for managers', async () => {
    const reply = (await sockets.manager.timeout(3000).emitWithAck('presence.list', {})) as AckReply;
    expect(reply.ok && (reply.data as { agents: Array<{ id: string }> }).agents.map((a) => a.id).sort()).toEqual([
      'demo-admin',
      'demo-agent',
      'demo-manager',
    ]);
  });

  it('pushes queue changes, claims, messages and typing to the agents concerned', async () => {
    const queued = next<{ ticketId: string; reason: string }>(sockets.agent, agentServerEvents.queueChanged, (p) => p.reason === 'opened');
    const created = await clients.manager.request('POST', '/api/tickets', {
      json: { email: 'live@example.com', subject: 'Live', message: 'Hi', language: 'en' },
    });
    const id = (created.body as { ticket: { id: string } }).ticket.id;
    expect((await queued).ticketId).toBe(id);

    await sockets.agent.timeout(3000).emitWithAck('ticket.watch', { ticketId: id });
    await sockets.manager.timeout(3000).emitWithAck('ticket.watch', { ticketId: id });
    const claimed = next<{ ticketId: string; agentId: string }>(sockets.admin, agentServerEvents.ticketClaimed, (p) => p.ticketId === id);
    const message = next<{ ticketId: string; message: { body: string; visibility: string } }>(sockets.agent, agentServerEvents.messageCreated, (p) => p.ticketId === id);
    await clients.manager.request('POST', `/api/tickets/${id}/reply`, { json: { body: 'Hello from a manager' } });
    expect(await claimed).toMatchObject({ ticketId: id, agentId: 'demo-manager' });
    expect((await message).message).toMatchObject({ body: 'Hello from a manager', visibility: 'public' });

    const typing = next<{ agentId: string; typing: boolean }>(sockets.manager, agentServerEvents.typing);
    sockets.agent.emit('typing', { ticketId: id, typing: true });
    expect(await typing).toMatchObject({ agentId: 'demo-agent', typing: true });
  });

  it('alerts connected agents of an SLA breach, also when emitted from another process through Redis', async () => {
    const fromService = next<{ ticketId: string; kind: string }>(sockets.agent, agentServerEvents.ticketSlaBreached, (p) => p.ticketId === ticketId);
    const { deadline } = await app.ticketing.tickets.get(ticketId);
    expect(await app.ticketing.tickets.markSlaBreached(ticketId, 'firstResponse', deadline)).not.toBeNull();
    expect(await fromService).toMatchObject({ ticketId, kind: 'firstResponse' });
    expect(await app.ticketing.tickets.markSlaBreached(ticketId, 'firstResponse', deadline)).toBeNull();

    // An SLA worker in another process has no socket server: it emits through Redis.
    const emitter = new Emitter(app.redis.redis, { key: `${app.redis.prefix}socket.io` }).of('/agents');
    const fromWorker = next<{ ticketId: string; kind: string }>(sockets.manager, agentServerEvents.ticketSlaBreached, (p) => p.kind === 'resolution');
    emitSlaBreached(emitter, { ticketId, kind: 'resolution', at: new Date().toISOString(), tier: 'gold', assigneeId: null, explanation: 'Gold' });
    expect(await fromWorker).toMatchObject({ ticketId, kind: 'resolution' });
  });
  it('rate limits client events per agent: a flood of typing is refused past the limit with an error naming the event, and not relayed', async () => {
    // A fresh agent of their own, so the flood spends nobody else's budget (40 events in 10 s).
    const created = await clients.admin.request('POST', '/api/agents', {
      json: { email: 'flood@demo.loyaldesk', name: 'Flood Agent', role: 'agent', languages: ['en'], skills: ['general'], password: 'flood-agent-password' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const flooder = apiClient(app.baseUrl);
    expect((await flooder.request('POST', '/api/auth/login', { json: { email: 'flood@demo.loyaldesk', password: 'flood-agent-password' } })).status).toBe(200);
    const socket = await open(app, flooder.cookie);
    try {
      await sockets.manager.timeout(3000).emitWithAck('ticket.watch', { ticketId });
      const relayed: unknown[] = [];
      const onTyping = (payload: { agentId?: string; name?: string }): void => {
        if (payload.name === 'Flood Agent') relayed.push(payload);
      };
      sockets.manager.on(agentServerEvents.typing, onTyping);
      const errors: AgentSocketError[] = [];
      socket.on(agentServerEvents.error, (error: AgentSocketError) => errors.push(error));

      const replies = (await Promise.all(
        Array.from({ length: 300 }, () => socket.timeout(10_000).emitWithAck('typing', { ticketId, typing: true })),
      )) as AckReply[];
      const accepted = replies.filter((reply) => reply.ok).length;
      const limited = replies.filter((reply) => !reply.ok && reply.error.code === 'loyaldesk:rate_limited');
      expect(accepted).toBe(40);
      expect(limited).toHaveLength(260);
      for (const reply of limited) {
        expect(!reply.ok && reply.error).toMatchObject({ event: 'typing' });
        expect(!reply.ok && reply.error.retryAfterSeconds).toBeGreaterThan(0);
      }
      expect(errors.filter((error) => error.code === 'loyaldesk:rate_limited' && error.event === 'typing')).toHaveLength(260);
      // Every accepted event was relayed before its acknowledgement; a last round trip on the
      // watcher's socket flushes anything still on its way: exactly the accepted ones arrived.
      await sockets.manager.timeout(3000).emitWithAck('ticket.watch', { ticketId });
      expect(relayed).toHaveLength(40);
      sockets.manager.off(agentServerEvents.typing, onTyping);
      // Other agents keep their own budget.
      expect(((await sockets.agent.timeout(3000).emitWithAck('ticket.watch', { ticketId })) as AckReply).ok).toBe(true);
    } finally {
      socket.close();
    }
  });
});
