import type { Namespace, Server, Socket } from 'socket.io';
import type { z } from 'zod';
import { hasRole, type AgentRole, type SignedInAgent } from '@loyaldesk/contracts/agents-api';
import {
  agentClientEvents,
  agentServerEvents,
  agentsNamespace,
  agentTypingPayloadSchema,
  presenceListPayloadSchema,
  ticketWatchPayloadSchema,
  type AgentSocketError,
  type AgentTypingEvent,
  type PresenceListReply,
} from '@loyaldesk/contracts/agents-events';
import type { Logger } from '@loyaldesk/platform/logger';
import type { AgentSession, AuthService } from '../auth/auth-service.ts';
import { sessionTokenOf } from '../http/mount-routes.ts';
import type { AgentEventLimiter } from './agent-event-limiter.ts';
import { agentRooms } from './agent-events.ts';

/** Closes `/agents` sockets on every instance (through the Redis adapter). */
export interface AgentSocketControl {
  /** The sockets of one login session (logout). */
  closeSession(sessionId: string): void;
  /** Every socket of an agent (deactivated, or their role changed: the console reconnects with the new one). */
  closeAgent(agentId: string): void;
}

/** {@link AgentSocketControl} over the namespace: `disconnectSockets` reaches the sockets on every instance. */
export function agentSocketControl(namespace: Namespace): AgentSocketControl {
  return {
    closeSession: (sessionId) => namespace.in(agentRooms.session(sessionId)).disconnectSockets(true),
    closeAgent: (agentId) => namespace.in(agentRooms.agent(agentId)).disconnectSockets(true),
  };
}

/** How long a socket trusts its last session check before an event checks it again (one Redis GET). */
export const sessionRecheckMs = 5000;

// setTimeout's largest delay; longer sessions are re-armed.
const maxTimerMs = 2 ** 31 - 1;

type Ack = (reply: { ok: true; data?: unknown } | { ok: false; error: AgentSocketError }) => void;

/** What other capabilities hear of agents' socket events. */
export interface AgentsSocketHooks {
  /** An agent typing on a ticket (the chat link relays it to the shopper of a chat ticket). */
  onAgentTyping?: (input: { ticketId: string; agentName: string; typing: boolean }) => Promise<unknown>;
}

interface ClientEvent<Schema extends z.ZodType> {
  minRole: AgentRole;
  payload: Schema;
  handle(
    socket: Socket,
    agent: SignedInAgent,
    payload: z.output<Schema>,
    context: { namespace: Namespace; hooks: AgentsSocketHooks },
  ): Promise<unknown> | unknown;
}

function clientEvent<Schema extends z.ZodType>(event: ClientEvent<Schema>): ClientEvent<z.ZodType> {
  return event as unknown as ClientEvent<z.ZodType>;
}

/** Client → server events of `/agents`: the role each needs and its payload schema. */
export const clientEvents: Record<string, ClientEvent<z.ZodType>> = {
  /** Follow a ticket: its messages, typing and updates. */
  [agentClientEvents.watchTicket]: clientEvent({
    minRole: 'agent',
    payload: ticketWatchPayloadSchema,
    handle: async (socket, _agent, { ticketId }) => {
      await socket.join(agentRooms.ticket(ticketId));
    },
  }),
  [agentClientEvents.unwatchTicket]: clientEvent({
    minRole: 'agent',
    payload: ticketWatchPayloadSchema,
    handle: async (socket, _agent, { ticketId }) => {
      await socket.leave(agentRooms.ticket(ticketId));
    },
  }),
  /** "I am typing on this ticket": relayed to the others watching it, and to the shopper of a chat ticket. */
  [agentClientEvents.typing]: clientEvent({
    minRole: 'agent',
    payload: agentTypingPayloadSchema,
    handle: async (socket, agent, { ticketId, typing }, { hooks }) => {
      const event: AgentTypingEvent = { ticketId, agentId: agent.id, name: agent.name, typing };
      socket.to(agentRooms.ticket(ticketId)).emit(agentServerEvents.typing, event);
      await hooks.onAgentTyping?.({ ticketId, agentName: agent.name, typing });
    },
  }),
  /** Who is online, across every instance (managers). */
  [agentClientEvents.listPresence]: clientEvent({
    minRole: 'manager',
    payload: presenceListPayloadSchema,
    handle: async (_socket, _agent, _payload, { namespace }): Promise<PresenceListReply> => {
      const sockets = await namespace.in(agentRooms.staff).fetchSockets();
      const online = new Map<string, { id: string; name: string; role: AgentRole }>();
      for (const remote of sockets) {
        const data = remote.data as Partial<AgentSession>;
        if (data.agent) online.set(data.agent.id, { id: data.agent.id, name: data.agent.name, role: data.agent.role });
      }
      return { agents: [...online.values()] };
    },
  }),
};

/** Whether the browser page that opened the socket is ours (cross-site WebSocket hijacking guard). */
function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true; // not a browser
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Sets up `/agents`: the session cookie is checked on the handshake; each socket joins `staff`,
 * `agent:<id>`, `session:<id>` (and `managers`); every client event is rate limited per agent,
 * re-checks the session when its last check is older than {@link sessionRecheckMs} (a logged-out,
 * expired or deactivated session is disconnected), is role-checked and zod-parsed, and a bad one
 * gets an `error` event (and a failed ack) naming the event and the field, never a crash. The
 * socket is closed when its session expires.
 */
export function attachAgentsNamespace(
  io: Server,
  deps: {
    auth: AuthService;
    limiter: AgentEventLimiter;
    logger?: Logger;
    allowedOrigins?: readonly string[];
    hooks?: AgentsSocketHooks;
  },
): Namespace {
  const namespace = io.of(agentsNamespace);
  const hooks = deps.hooks ?? {};
  const allowed = deps.allowedOrigins ?? [];

  namespace.use((socket, next) => {
    const { origin, host } = socket.handshake.headers;
    if (!originAllowed(origin, host, allowed)) {
      next(new Error('forbidden origin'));
      return;
    }
    deps.auth
      .authenticateSession(sessionTokenOf(socket.handshake.headers.cookie))
      .then((session) => {
        if (!session) {
          next(new Error('unauthenticated'));
          return;
        }
        socket.data = { ...session, checkedAt: Date.now() } satisfies SocketSession;
        next();
      })
      .catch((error: unknown) => {
        deps.logger?.error({ err: error }, 'socket authentication failed');
        next(new Error('unavailable'));
      });
  });

  namespace.on('connection', (socket) => {
    const session = socket.data as SocketSession;
    const { agent } = session;
    void socket.join([
      agentRooms.staff,
      agentRooms.agent(agent.id),
      agentRooms.session(session.sessionId),
      ...(hasRole(agent.role, 'manager') ? [agentRooms.managers] : []),
    ]);

    // Closed when the session ends by time (logout and deactivation close it through the rooms).
    let expiry: NodeJS.Timeout | undefined;
    const armExpiry = (): void => {
      const left = session.expiresAt.getTime() - Date.now();
      if (left <= 0) {
        socket.disconnect(true);
        return;
      }
      expiry = setTimeout(armExpiry, Math.min(left, maxTimerMs));
      expiry.unref();
    };
    armExpiry();
    socket.once('disconnect', () => clearTimeout(expiry));

    /** Whether the session still holds (checked again at most every few seconds). */
    async function sessionHolds(): Promise<boolean> {
      if (Date.now() - session.checkedAt < sessionRecheckMs) return true;
      const current = await deps.auth.authenticateSession(sessionTokenOf(socket.handshake.headers.cookie));
      if (!current || current.sessionId !== session.sessionId || current.agent.role !== agent.role) return false;
      session.checkedAt = Date.now();
      return true;
    }

    async function handle(event: string, payload: unknown): Promise<{ data?: unknown } | { error: AgentSocketError; close?: boolean }> {
      const allowance = await deps.limiter.take(agent.id);
      if (!allowance.allowed) {
        const { retryAfterSeconds } = allowance;
        const name = event.slice(0, 60);
        return {
          error: {
            event: name,
            code: 'loyaldesk:rate_limited',
            message: `Too many events: ${name} was not sent; try again in ${retryAfterSeconds} s`,
            retryAfterSeconds,
          },
        };
      }
      if (!(await sessionHolds())) {
        return {
          error: { event, code: 'loyaldesk:unauthenticated', message: 'The session ended or the role changed; connect again (sign in if refused)' },
          close: true,
        };
      }
      const definition = Object.hasOwn(clientEvents, event) ? clientEvents[event] : undefined;
      if (!definition) return { error: { event, code: 'loyaldesk:unknown_event', message: `Unknown event ${event}` } };
      if (!hasRole(agent.role, definition.minRole)) {
        return { error: { event, code: 'loyaldesk:forbidden', message: `${event} needs the ${definition.minRole} role or above` } };
      }
      const parsed = definition.payload.safeParse(typeof payload === 'function' ? undefined : payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.map(String).join('.') || 'payload';
        return { error: { event, code: 'loyaldesk:validation_failed', message: `${field}: ${issue?.message ?? 'invalid'}`, field } };
      }
      const data: unknown = await definition.handle(socket, agent, parsed.data, { namespace, hooks });
      return data === undefined ? {} : { data };
    }

    socket.onAny((event: string, ...args: unknown[]) => {
      const last = args.at(-1);
      const ack = typeof last === 'function' ? (last as Ack) : undefined;
      const fail = (error: AgentSocketError): void => {
        socket.emit(agentServerEvents.error, error);
        ack?.({ ok: false, error });
      };
      handle(String(event), args[0]).then(
        (outcome) => {
          if ('error' in outcome) {
            fail(outcome.error);
            if (outcome.close) socket.disconnect(true);
            return;
          }
          ack?.({ ok: true, ...(outcome.data === undefined ? {} : { data: outcome.data }) });
        },
        (error: unknown) => {
          deps.logger?.error({ err: error, event }, 'socket event failed');
          fail({ event, code: 'loyaldesk:internal_error', message: 'Something went wrong on our side' });
        },
      );
    });
  });
  return namespace;
}

/** What a socket keeps of its session (`socket.data`). */
type SocketSession = AgentSession & { checkedAt: number };
