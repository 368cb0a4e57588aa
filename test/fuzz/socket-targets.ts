import fc from 'fast-check';
import { z } from 'zod';
import {
  chatClientEvents,
  endConversationPayloadSchema,
  sendMessagePayloadSchema,
  shopperTypingPayloadSchema,
  startConversationPayloadSchema,
} from '@loyaldesk/contracts/chat-events';
import { agentsNamespace, chatNamespace } from '@loyaldesk/contracts/chat-event-names';
import { clientEvents as agentSocketEvents } from '@loyaldesk/ticketing/agents-socket';
import type { StackAppName } from '../support/stack.ts';
import { hostileValue, payloadMix, stringTraps } from './hostile-values.ts';
import { arbitraryFromJsonSchema, type JsonSchema } from './json-schema-arbitrary.ts';

/** The demo accounts that open `/agents` sockets. */
export type AgentIdentity = 'agent' | 'manager' | 'admin';

/** One emit: the payload (absent: none), whether it goes with an acknowledgement callback. */
export interface SocketEmit {
  payload: unknown;
  /** No payload argument at all (not even undefined). */
  withoutPayload: boolean;
  /** Extra arguments after the payload. */
  extraArgs: unknown[];
  withAck: boolean;
  /** `/agents` only: who sends it. */
  identity: AgentIdentity;
  /** Event name: the target's, or a generated one for the unknown-event targets. */
  event: string;
}

/** A client event under fuzz (or the unknown-event catch-all of a namespace). */
export interface SocketTarget {
  kind: 'socket';
  app: StackAppName;
  namespace: string;
  /** `/chat message.send`. */
  name: string;
  /** The payload schema the server parses with; null for unknown events (every payload is refused). */
  schema: z.ZodType | null;
  /** `/chat` events other than `conversation.start` need a started conversation on the socket. */
  needsConversation: boolean;
  emits: fc.Arbitrary<SocketEmit>;
}

/** Real values for socket payloads: ticket ids to watch, session and identity tokens to resume with. */
export interface KnownSocketValues {
  ticketIds: readonly string[];
  sessionTokens: readonly string[];
  identityTokens: readonly string[];
}

/** JSON Schema of a zod schema as a client sends it. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function emitsFor(options: { payload: fc.Arbitrary<unknown>; event: fc.Arbitrary<string>; identity: fc.Arbitrary<AgentIdentity> }): fc.Arbitrary<SocketEmit> {
  return fc
    .record({
      payload: options.payload,
      withoutPayload: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      extraArgs: fc.oneof({ weight: 9, arbitrary: fc.constant<unknown[]>([]) }, { weight: 1, arbitrary: fc.array(hostileValue, { maxLength: 2 }) }),
      withAck: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      identity: options.identity,
      event: options.event,
    })
    .map((emit) => ({ ...emit, payload: emit.withoutPayload ? undefined : emit.payload }));
}

const noIdentity = fc.constant<AgentIdentity>('agent');

/** The shopper's `/chat` client events (packages/contracts chat-events), plus unknown event names. */
export function chatSocketTargets(known: KnownSocketValues): SocketTarget[] {
  const schemas: ReadonlyArray<readonly [string, z.ZodType]> = [
    [chatClientEvents.start, startConversationPayloadSchema],
    [chatClientEvents.sendMessage, sendMessagePayloadSchema],
    [chatClientEvents.typing, shopperTypingPayloadSchema],
    [chatClientEvents.end, endConversationPayloadSchema],
  ];
  const knownValues = { sessionToken: known.sessionTokens, identityToken: known.identityTokens };
  return [
    ...schemas.map(([event, schema]): SocketTarget => ({
      kind: 'socket',
      app: 'chat-bot',
      namespace: chatNamespace,
      name: `${chatNamespace} ${event}`,
      schema,
      needsConversation: event !== chatClientEvents.start,
      emits: emitsFor({ payload: payloadMix(arbitraryFromJsonSchema(jsonSchemaOf(schema), { known: knownValues })), event: fc.constant(event), identity: noIdentity }),
    })),
    unknownEventTarget('chat-bot', chatNamespace, Object.values(chatClientEvents)),
  ];
}

/** The agents' `/agents` client events (ticketing's live/agents-socket), plus unknown event names. */
export function agentSocketTargets(known: KnownSocketValues): SocketTarget[] {
  const roles: readonly AgentIdentity[] = ['agent', 'manager', 'admin'];
  return [
    ...Object.entries(agentSocketEvents).map(([event, definition]): SocketTarget => {
      const allowed = roles.slice(roles.indexOf(definition.minRole));
      const refused = roles.slice(0, roles.indexOf(definition.minRole));
      return {
        kind: 'socket',
        app: 'ticketing',
        namespace: agentsNamespace,
        name: `${agentsNamespace} ${event}`,
        schema: definition.payload,
        needsConversation: false,
        emits: emitsFor({
          payload: payloadMix(arbitraryFromJsonSchema(jsonSchemaOf(definition.payload), { known: { ticketId: known.ticketIds } })),
          event: fc.constant(event),
          identity: fc.oneof(
            { weight: 9, arbitrary: fc.constantFrom(...allowed) },
            ...(refused.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...refused) }] : []),
          ),
        }),
      };
    }),
    unknownEventTarget('ticketing', agentsNamespace, Object.keys(agentSocketEvents)),
  ];
}

/** Event names no handler has: reserved ones, prototype names, near misses, junk. */
function unknownEventTarget(app: StackAppName, namespace: string, realNames: readonly string[]): SocketTarget {
  const names = fc.oneof(
    fc.constantFrom('connect', 'disconnect', 'disconnecting', 'newListener', 'removeListener', 'error', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'),
    fc.constantFrom(...realNames).map((name) => `${name} `),
    fc.constantFrom(...realNames).map((name) => name.toUpperCase()),
    fc.constantFrom(...stringTraps).filter((name): name is string => typeof name === 'string' && name.length > 0),
    fc.string({ minLength: 1, maxLength: 80 }),
    fc.constant('x'.repeat(10_000)),
  );
  return {
    kind: 'socket',
    app,
    namespace,
    name: `${namespace} {unknown event}`,
    schema: null,
    needsConversation: false,
    emits: emitsFor({ payload: payloadMix(fc.jsonValue({ maxDepth: 2 })), event: names, identity: fc.constantFrom<AgentIdentity>('agent', 'manager', 'admin') }),
  };
}
