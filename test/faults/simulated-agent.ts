import { z } from 'zod';
import type { AppInstance } from './app-instances.ts';
import type { FaultRecorder } from './fault-records.ts';
import type { ConversationDirectory } from './simulated-shopper.ts';
import type { TicketingAnswer, TicketingPool } from './ticketing-client.ts';
import { jitter, sleep } from './waits.ts';

/** A signed-in agent account the suite created. */
export interface AgentAccount {
  id: string;
  email: string;
  cookie: string;
}

export interface AgentWorld {
  pool: TicketingPool;
  recorder: FaultRecorder;
  now: () => number;
  loadEnded: AbortSignal;
  drainEnded: AbortSignal;
  /** Mean time between an agent's replies. */
  thinkMs: number;
  directory: ConversationDirectory;
}

const ticketSchema = z.object({
  id: z.string(),
  conversationId: z.string().nullable(),
  messages: z.array(z.object({ id: z.string(), body: z.string(), author: z.object({ kind: z.string() }) })),
});
const claimAnswerSchema = z.object({ ticket: ticketSchema.nullable() });
const ticketAnswerSchema = z.object({ ticket: ticketSchema });
const signedInSchema = z.object({ agent: z.object({ id: z.string() }) });

const demoAdmin = { email: 'admin@demo.loyaldesk', password: 'demo-admin-password' };
const skills = ['general', 'shipping', 'returns', 'billing'];
const password = 'faults-agent-password';
// Probe tickets wait where only probes serve (the shoppers write English): no agent claims them.
const probeTicket = { language: 'zh-Hant', issueKind: 'payment' } as const;

/** How long to wait before trying again: the server's Retry-After (at most 5 s), else about a second. */
function retryDelayMs(answer: TicketingAnswer): number {
  return answer.retryAfterSeconds !== null ? Math.min(answer.retryAfterSeconds, 5) * 1000 : jitter(1_000);
}

/** Logs in (bounded retries); the `ld_session=…` cookie and the agent id. */
export async function signIn(pool: TicketingPool, email: string, secret: string): Promise<{ id: string; cookie: string }> {
  let last = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await pool.request('POST', '/auth/login', { body: { email, password: secret }, route: 'login' });
    const cookie = answer.setCookies.map((header) => header.split(';')[0] ?? '').find((pair) => pair.startsWith('ld_session='));
    const parsed = signedInSchema.safeParse(answer.body);
    if (answer.ok && cookie && parsed.success) return { id: parsed.data.agent.id, cookie };
    last = `${answer.status ?? 'no answer'} ${JSON.stringify(answer.body).slice(0, 200)}`;
    await sleep(500);
  }
  throw new Error(`login as ${email} failed: ${last}`);
}

/**
 * Creates agent accounts through the admin API and signs each in: `count` agents answering English
 * chats (every skill), and `probes` answering only the probes' Traditional Chinese tickets.
 */
export async function createAgents(pool: TicketingPool, count: number, probes: number, runId: string): Promise<{ agents: AgentAccount[]; probes: AgentAccount[] }> {
  const admin = await signIn(pool, demoAdmin.email, demoAdmin.password);
  const accounts: AgentAccount[] = [];
  for (let index = 0; index < count + probes; index++) {
    const isProbe = index >= count;
    const email = `${isProbe ? 'probe' : 'agent'}-${index + 1}-${runId}@faults.loyaldesk`;
    let created = false;
    for (let attempt = 0; attempt < 20 && !created; attempt++) {
      const answer = await pool.request('POST', '/agents', {
        cookie: admin.cookie,
        route: 'create agent',
        body: {
          email,
          name: `Fault ${isProbe ? 'Probe' : 'Agent'} ${index + 1}`,
          role: 'agent',
          languages: isProbe ? [probeTicket.language] : ['en'],
          skills,
          password,
        },
      });
      created = answer.ok || answer.status === 409;
      if (!created) await sleep(500);
    }
    if (!created) throw new Error(`could not create the agent account ${email}`);
    const session = await signIn(pool, email, password);
    accounts.push({ id: session.id, email, cookie: session.cookie });
  }
  return { agents: accounts.slice(0, count), probes: accounts.slice(count) };
}

/**
 * A probe pinned to one ticketing instance: opens a web ticket of its own there and replies to it
 * once a second until the drain ends, so every instance gets steady traffic through every fault
 * (its 5xx count) and the first 2xx after a fault times that instance's recovery.
 */
export async function runProbeAgent(account: AgentAccount, instance: AppInstance, world: AgentWorld): Promise<void> {
  const { pool, recorder, now, drainEnded } = world;
  const cookie = account.cookie;
  let ticketId: string | null = null;
  let replyCount = 0;
  while (!drainEnded.aborted) {
    if (ticketId === null) {
      const opened = await pool.request('POST', '/tickets', {
        instance,
        cookie,
        route: 'open ticket',
        body: { email: `probe@faults.loyaldesk`, subject: `probe of ${instance.label}`, message: 'probe', ...probeTicket },
      });
      const parsed = opened.ok ? ticketAnswerSchema.safeParse(opened.body) : null;
      if (parsed?.success) ticketId = parsed.data.ticket.id;
      else await sleep(retryDelayMs(opened), drainEnded);
      continue;
    }
    const body = `probe reply ${++replyCount} from ${account.id}`;
    // A reply to an open ticket takes it: the probe's ticket is its own from the first reply on.
    const answer = await pool.request('POST', `/tickets/${ticketId}/reply`, { instance, cookie, body: { body }, route: 'probe reply' });
    if (answer.ok) {
      const after = ticketAnswerSchema.safeParse(answer.body);
      recorder.replies.push({
        agentId: account.id,
        ticketId,
        conversationId: null,
        body,
        atMs: now(),
        instance: instance.label,
        messageId: after.success ? (after.data.ticket.messages.find((message) => message.body === body)?.id ?? null) : null,
      });
    } else if (answer.status === 404 || answer.status === 409 || answer.status === 403) {
      ticketId = null; // full (500 messages), or no longer the probe's
    }
    await sleep(1_000, drainEnded);
  }
}

/**
 * One agent at work until the load ends: claim-next; two or three public replies (each 2xx recorded
 * with the message id ticketing returned); ask the shopper to wrap up (so no message of theirs
 * crosses the resolution); resolve, retrying 5xx and lost requests. Requests alternate between
 * the ticketing instances.
 */
export async function runAgent(account: AgentAccount, world: AgentWorld, startDelayMs: number): Promise<void> {
  const { pool, recorder, now, loadEnded, drainEnded } = world;
  const cookie = account.cookie;
  let replyCount = 0;
  await sleep(startDelayMs, loadEnded);
  while (!loadEnded.aborted) {
    const claim = await pool.request('POST', '/tickets/claim-next', { cookie, route: 'claim-next' });
    const claimed = claim.ok ? claimAnswerSchema.safeParse(claim.body) : null;
    if (!claimed?.success) {
      await sleep(retryDelayMs(claim), loadEnded);
      continue;
    }
    const ticket = claimed.data.ticket;
    if (!ticket) {
      await sleep(jitter(1_000), loadEnded);
      continue;
    }
    recorder.claims.push({
      agentId: account.id,
      ticketId: ticket.id,
      conversationId: ticket.conversationId,
      atMs: now(),
      instance: claim.instance.label,
    });

    const replies = 2 + Math.floor(Math.random() * 2);
    let stillMine = true;
    for (let sent = 0; sent < replies && stillMine && !loadEnded.aborted; sent++) {
      await sleep(jitter(world.thinkMs), loadEnded);
      if (loadEnded.aborted) break;
      const body = `reply ${++replyCount} from ${account.id} on ${ticket.id}`;
      const answer = await pool.request('POST', `/tickets/${ticket.id}/reply`, { cookie, body: { body }, route: 'reply' });
      if (answer.ok) {
        const after = ticketAnswerSchema.safeParse(answer.body);
        const message = after.success
          ? after.data.ticket.messages.find((candidate) => candidate.body === body && candidate.author.kind === 'agent')
          : undefined;
        recorder.replies.push({
          agentId: account.id,
          ticketId: ticket.id,
          conversationId: ticket.conversationId,
          body,
          atMs: now(),
          instance: answer.instance.label,
          messageId: message?.id ?? null,
        });
      } else if (answer.status === 404 || answer.status === 409 || answer.status === 403) {
        stillMine = false;
      } else {
        await sleep(retryDelayMs(answer), loadEnded);
      }
    }
    if (loadEnded.aborted || !stillMine) continue;

    const handle = ticket.conversationId === null ? undefined : world.directory.get(ticket.conversationId);
    if (handle) await Promise.race([handle.requestWrapUp(), sleep(20_000, loadEnded)]);
    if (loadEnded.aborted) continue;
    if (ticket.conversationId !== null && !recorder.resolveRequestedAtMs.has(ticket.conversationId)) {
      recorder.resolveRequestedAtMs.set(ticket.conversationId, now());
    }
    const giveUpAt = now() + 60_000;
    while (!drainEnded.aborted && now() < giveUpAt) {
      const answer = await pool.request('POST', `/tickets/${ticket.id}/resolve`, { cookie, route: 'resolve' });
      if (answer.ok) {
        handle?.agentResolved();
        break;
      }
      // 4xx: resolved already (a lost answer to an earlier try) or no longer this agent's.
      if (answer.status !== null && answer.status < 500 && answer.status !== 429) break;
      await sleep(retryDelayMs(answer), drainEnded);
    }
  }
}
