import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { agentsNamespace } from '@loyaldesk/contracts/chat-event-names';

/** The demo accounts ticketing seeds on SEED_DEMO_AGENTS=true, as the stack sets it (apps/ticketing/src/agents/seed-demo-agents.ts). */
export const demoAccounts = {
  agent: { email: 'agent@demo.loyaldesk', password: 'demo-agent-password' },
  manager: { email: 'manager@demo.loyaldesk', password: 'demo-manager-password' },
  admin: { email: 'admin@demo.loyaldesk', password: 'demo-admin-password' },
} as const;
export type DemoAccount = keyof typeof demoAccounts;

const signedInSchema = z.object({
  agent: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string() }),
});

/** A response: its status and JSON body (null when there is none). */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** A signed-in agent talking to ticketing's REST API: session cookie plus the anti-CSRF header. */
export interface AgentSession {
  agent: z.infer<typeof signedInSchema>['agent'];
  /** The `ld_session=…` cookie, e.g. for the `/agents` socket handshake. */
  cookie: string;
  get(path: string): Promise<ApiResponse>;
  post(path: string, body?: unknown): Promise<ApiResponse>;
  /** Like `get`/`post`, but throws unless the status is 2xx, and parses the body with `schema`. */
  expect<Schema extends z.ZodType>(method: 'get' | 'post', path: string, schema: Schema, body?: unknown): Promise<z.output<Schema>>;
}

/**
 * Logs in to ticketing at `ticketingUrl` (paths are relative to `/api`) as one of the demo accounts.
 * @example const agent = await signInAgent(stack.ticketingUrl, 'agent'); await agent.post('/tickets/claim-next');
 */
export async function signInAgent(ticketingUrl: string, account: DemoAccount = 'agent'): Promise<AgentSession> {
  const api = `${ticketingUrl}/api`;
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'loyaldesk-tests' },
    body: JSON.stringify(demoAccounts[account]),
  });
  if (login.status !== 200) throw new Error(`login as ${account} failed: ${login.status} ${await login.text()}`);
  const sessionCookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('ld_session='));
  if (!sessionCookie) throw new Error('login answered 200 without an ld_session cookie');
  const cookie: string = sessionCookie;
  const { agent } = signedInSchema.parse(await login.json());

  async function request(method: 'get' | 'post', path: string, body?: unknown): Promise<ApiResponse> {
    const response = await fetch(`${api}${path}`, {
      method: method.toUpperCase(),
      headers: {
        cookie,
        'x-requested-with': 'loyaldesk-tests',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  }

  return {
    agent,
    cookie,
    get: (path) => request('get', path),
    post: (path, body) => request('post', path, body),
    async expect(method, path, schema, body) {
      const response = await request(method, path, body);
      if (response.status < 200 || response.status >= 300) {
        throw new Error(`${method.toUpperCase()} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
      }
      return schema.parse(response.body);
    },
  };
}

/** The agent's `/agents` socket (session cookie on the handshake), connected. */
export async function connectAgentSocket(ticketingUrl: string, session: Pick<AgentSession, 'cookie'>): Promise<Socket> {
  const socket = io(`${ticketingUrl}${agentsNamespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { cookie: session.cookie },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}
