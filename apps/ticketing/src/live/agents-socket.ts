import type { Namespace, Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Logger } from '@loyaldesk/platform/logger';
import { hasRole, type AgentRole, type SignedInAgent } from '../agents/agent.ts';
import type { AuthService } from '../auth/auth-service.ts';
import { sessionTokenOf } from '../http/mount-routes.ts';
import { ticketIdSchema } from '../tickets/ticket.ts';
import { agentEvents, agentRooms, agentsNamespace } from './agent-events.ts';

/** An `error` event's payload: what went wrong with which client event. */
export interface SocketErrorPayload {
  event: string;
  code: string;
  message: string;
  field?: string;
}

type Ack = (reply: { ok: true; data?: unknown } | { ok: false; error: SocketErrorPayload }) => void;

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

const ticketRef = z.object({ ticketId: ticketIdSchema });

/** Client → server events of `/agents`: the role each needs and its payload schema. */
export const clientEvents: Record<string, ClientEvent<z.ZodType>> = {
  /** Follow a ticket: its messages, typing and updates. */
  'ticket.watch': clientEvent({
    minRole: 'agent',
    payload: ticketRef,
    handle: async (socket, _agent, { ticketId }) => {
      await socket.join(agentRooms.ticket(ticketId));
    },
  }),
  'ticket.unwatch': clientEvent({
    minRole: 'agent',
    payload: ticketRef,
    handle: async (socket, _agent, { ticketId }) => {
      await socket.leave(agentRooms.ticket(ticketId));
    },
  }),
  /** "I am typing on this ticket": relayed to the others watching it, and to the shopper of a chat ticket. */
  typing: clientEvent({
    minRole: 'agent',
    payload: ticketRef.extend({ typing: z.boolean() }),
    handle: async (socket, agent, { ticketId, typing }, { hooks }) => {
      socket.to(agentRooms.ticket(ticketId)).emit(agentEvents.typing, { ticketId, agentId: agent.id, name: agent.name, typing });
      await hooks.onAgentTyping?.({ ticketId, agentName: agent.name, typing });
    },
  }),
  /** Who is online, across every instance (managers). */
  'presence.list': clientEvent({
    minRole: 'manager',
    payload: z.object({}).optional(),
    handle: async (_socket, _agent, _payload, { namespace }) => {
      const sockets = await namespace.in(agentRooms.staff).fetchSockets();
      const online = new Map<string, { id: string; name: string; role: AgentRole }>();
      for (const remote of sockets) {
        const data = remote.data as { agent?: SignedInAgent };
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
 * `agent:<id>` (and `managers`); every client event is role-checked and zod-parsed, and a bad one
 * gets an `error` event (and a failed ack) naming the field, never a crash.
 */
export function attachAgentsNamespace(
  io: Server,
  deps: { auth: AuthService; logger?: Logger; allowedOrigins?: readonly string[]; hooks?: AgentsSocketHooks },
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
      .authenticate(sessionTokenOf(socket.handshake.headers.cookie))
      .then((agent) => {
        if (!agent) {
          next(new Error('unauthenticated'));
          return;
        }
        socket.data = { agent };
        next();
      })
      .catch((error: unknown) => {
        deps.logger?.error({ err: error }, 'socket authentication failed');
        next(new Error('unavailable'));
      });
  });

  namespace.on('connection', (socket) => {
    const agent = (socket.data as { agent: SignedInAgent }).agent;
    void socket.join([agentRooms.staff, agentRooms.agent(agent.id), ...(hasRole(agent.role, 'manager') ? [agentRooms.managers] : [])]);

    socket.onAny((event: string, ...args: unknown[]) => {
      const last = args.at(-1);
      const ack = typeof last === 'function' ? (last as Ack) : undefined;
      const payload = args[0];
      const fail = (error: SocketErrorPayload): void => {
        socket.emit(agentEvents.error, error);
        ack?.({ ok: false, error });
      };
      const definition = Object.hasOwn(clientEvents, event) ? clientEvents[event] : undefined;
      if (!definition) {
        fail({ event, code: 'loyaldesk:unknown_event', message: `Unknown event ${event}` });
        return;
      }
      if (!hasRole(agent.role, definition.minRole)) {
        fail({ event, code: 'loyaldesk:forbidden', message: `${event} needs the ${definition.minRole} role or above` });
        return;
      }
      const parsed = definition.payload.safeParse(typeof payload === 'function' ? undefined : payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.map(String).join('.') || 'payload';
        fail({ event, code: 'loyaldesk:validation_failed', message: `${field}: ${issue?.message ?? 'invalid'}`, field });
        return;
      }
      Promise.resolve()
        .then(() => definition.handle(socket, agent, parsed.data, { namespace, hooks }))
        .then(
          (data) => ack?.({ ok: true, ...(data === undefined ? {} : { data }) }),
          (error: unknown) => {
            deps.logger?.error({ err: error, event }, 'socket event failed');
            fail({ event, code: 'loyaldesk:internal_error', message: 'Something went wrong on our side' });
          },
        );
    });
  });
  return namespace;
}
