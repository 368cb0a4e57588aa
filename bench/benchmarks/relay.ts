// `npm run bench -- relay`: a handed-off shopper's messages through the chat bot's outbox relay,
// Bull and ticketing's shopper-message worker onto their tickets, at saturation (a backlog of N
// events), against the same pipeline with a bare handler (one `$push` by `_id`) as baseline.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { chatQueueNames, shopperMessageJobId } from '@loyaldesk/contracts/chat-jobs';
import { handoffTicketId } from '@loyaldesk/contracts/handoff';
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import { openJobQueue, startJobWorker } from '@loyaldesk/platform/jobs';
import { startLocalDatabase, startLocalRedis } from '@loyaldesk/platform/local-servers';
import { createLogger } from '@loyaldesk/platform/logger';
import { connectMongo, type Connection } from '@loyaldesk/platform/mongo';
import { createOutbox, type OutboxEvent } from '@loyaldesk/platform/outbox';
import { connectRedis, type Redis } from '@loyaldesk/platform/redis';
import { startTicketing, type Ticketing } from '@loyaldesk/ticketing/start-ticketing';
import type Bull from 'bull';
import type { Benchmark, BenchContext, Measure } from '../lib/benchmark.ts';
import { processCpuSeconds } from '../lib/process-stats.ts';
import { formatTable } from '../lib/table.ts';

/** Handed-off conversations (one ticket each) the messages are spread over. */
const conversations = 100;
/** Messages per conversation per round. */
const messagesPerConversation = 10;
/** Messages already on each ticket before its round (the transcript, a chat some way in). */
const earlierMessages = 10;
const rounds = 3;
const waitTimeoutMs = 300_000;

/** Database commands a connection sent, by command name. */
class CommandCounter {
  counts = new Map<string, number>();
  constructor(connection: Connection) {
    connection.getClient().on('commandStarted', (event: { commandName: string }) => {
      this.counts.set(event.commandName, (this.counts.get(event.commandName) ?? 0) + 1);
    });
  }
  snapshot(): Map<string, number> {
    return new Map(this.counts);
  }
  since(from: Map<string, number>): Map<string, number> {
    const delta = new Map<string, number>();
    for (const [name, count] of this.counts) {
      const change = count - (from.get(name) ?? 0);
      if (change > 0) delta.set(name, change);
    }
    return delta;
  }
}

function total(counts: Map<string, number>, ignore: readonly string[] = []): number {
  let sum = 0;
  for (const [name, count] of counts) if (!ignore.includes(name)) sum += count;
  return sum;
}

/** Commands the driver sends on its own (monitoring), not per message. */
const background = ['hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'endSessions'];

interface PhaseFigures {
  seconds: number;
  perSecond: number;
  appCpuMsPerMessage: number;
  databaseCpuMsPerMessage: number;
  roundTripsPerMessage: number;
  /** Commands Redis ran per message (its `INFO commandstats`, those inside Lua scripts included): Bull, the ticket index, live events. */
  redisCommandsPerMessage: number;
  commands: Map<string, number>;
}

interface Side {
  name: 'ticketing' | 'bare';
  /** Queue the events go to and that the worker consumes. */
  queueName: string;
  /** Resolves once `count` jobs completed since `from`. */
  completed(): number;
  pause(): Promise<void>;
  resume(): Promise<void>;
}

/** Commands the Redis server has run so far, all clients (`INFO commandstats`), the `info` calls left out. */
async function redisCommandCount(redis: Redis): Promise<number> {
  let calls = 0;
  for (const line of (await redis.info('commandstats')).split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (match && match[1] !== 'info') calls += Number(match[2]);
  }
  return calls;
}

/** Waits, bounded, until `done()`. */
async function waitFor(done: () => boolean | Promise<boolean>, what: string, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + waitTimeoutMs;
  while (!(await done())) {
    if (signal.aborted) throw new Error('interrupted');
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const relayBenchmark: Benchmark = {
  name: 'relay',
  description:
    'handed-off shopper messages: outbox relay → Bull → ticketing worker → ticket; messages/s, CPU ms/message (worker, relay, database), round trips/message',
  async run(context: BenchContext): Promise<Measure[]> {
    const { env, signal } = context;
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loyaldesk-bench-relay-'));
    context.onCleanup(`remove ${dataDir}`, async () => rmSync(dataDir, { recursive: true, force: true }));
    const database = await startLocalDatabase({
      dataDir,
      mongodBinary: env.MONGOD_BINARY,
      ferretdbBinary: env.FERRETDB_BINARY,
    });
    context.onCleanup(`stop ${database.name}`, () => database.stop());
    const redisServer = await startLocalRedis({ dataDir, persistent: false });
    context.onCleanup('stop Redis', () => redisServer.stop());
    const databasePid = database.pid;
    const databaseCpu = (): number => (databasePid === undefined ? Number.NaN : processCpuSeconds(databasePid));
    const appCpu = (): number => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1e6;
    };

    const dbName = `bench_relay_${randomBytes(4).toString('hex')}`;
    // Command monitoring counts each round trip: one connection for each app, as they run apart.
    const monitored = `${database.url}${database.url.includes('?') ? '&' : '?'}monitorCommands=true`;
    const chatConnection = await connectMongo({ uri: monitored, dbName, attempts: 3 });
    context.onCleanup('close the chat connection', () => chatConnection.close());
    const ticketingConnection = await connectMongo({ uri: monitored, dbName, attempts: 3 });
    context.onCleanup('close the ticketing connection', () => ticketingConnection.close());
    const chatCommands = new CommandCounter(chatConnection);
    const ticketingCommands = new CommandCounter(ticketingConnection);
    const redis = await connectRedis({ url: redisServer.url });
    context.onCleanup('disconnect from Redis', async () => redis.disconnect());
    const chatDb = chatConnection.db;
    if (!chatDb) throw new Error('the chat connection has no database');

    const logger = createLogger('bench-relay', 'silent');
    const bullPrefix = `bench-relay-${randomBytes(3).toString('hex')}`;
    const ticketing: Ticketing = await startTicketing({
      connection: ticketingConnection,
      redis,
      redisUrl: redisServer.url,
      redisPrefix: `${bullPrefix}:`,
      bullPrefix,
      profiles: createCustomerProfileService({ connection: ticketingConnection, logger }),
      logger,
      config: {
        jwtSecret: randomBytes(32).toString('hex'),
        webhookSecret: randomBytes(32).toString('hex'),
        secureCookies: false,
        passwordHashing: { memoryCostKib: 1024, timeCost: 1 },
      },
    });
    context.onCleanup('stop ticketing', () => ticketing.stop());

    // The bare side: the same relay and Bull, a worker that only appends by `_id` (the floor).
    const bareQueueName = 'bench-relay-bare';
    const bareQueue = openJobQueue(bareQueueName, { redisUrl: redisServer.url, prefix: bullPrefix, logger });
    context.onCleanup('close the bare queue', () => bareQueue.close());
    const tickets = ticketingConnection.collection('tickets');
    startJobWorker(bareQueue, { name: 'bare', concurrency: 16 }, async (data) => {
      const job = data as { conversationId: string; message: { id: string; body: string; at: string } };
      await tickets.updateOne(
        // `$nor`, not `$ne`: FerretDB 1.24 matches `$ne` on an array path when an element equals.
        { _id: handoffTicketId(job.conversationId) as never, $nor: [{ 'messages.id': job.message.id }] },
        {
          $push: {
            messages: {
              id: job.message.id,
              author: { kind: 'customer' },
              visibility: 'public',
              body: job.message.body,
              at: new Date(job.message.at),
            },
          } as never,
        },
      );
    });

    const outgoing: Record<string, Pick<Bull.Queue<unknown>, 'add'>> = {
      [chatQueueNames.shopperMessages]: openJobQueue(chatQueueNames.shopperMessages, {
        redisUrl: redisServer.url,
        prefix: bullPrefix,
        logger,
      }),
      [bareQueueName]: openJobQueue(bareQueueName, { redisUrl: redisServer.url, prefix: bullPrefix, logger }),
    };
    context.onCleanup('close the relay queues', async () => {
      await Promise.all(Object.values(outgoing).map((queue) => (queue as Bull.Queue<unknown>).close()));
    });
    // The sweep would race the fresh relays for the same events: this measures the relay of `record`.
    const outbox = createOutbox({ db: chatDb, queues: outgoing, logger, sweepEveryMs: 3_600_000 });

    const counters = { ticketing: 0, bare: 0 };
    ticketing.jobQueues.shopperMessages.on('completed', () => counters.ticketing++);
    bareQueue.on('completed', () => counters.bare++);
    const sides: Side[] = [
      {
        name: 'ticketing',
        queueName: chatQueueNames.shopperMessages,
        completed: () => counters.ticketing,
        pause: () => ticketing.jobQueues.shopperMessages.pause(true),
        resume: () => ticketing.jobQueues.shopperMessages.resume(true),
      },
      {
        name: 'bare',
        queueName: bareQueueName,
        completed: () => counters.bare,
        pause: () => bareQueue.pause(true),
        resume: () => bareQueue.resume(true),
      },
    ];

    // Each round its own handoff tickets (as the handoff worker opens them), each with earlier
    // messages, so every round appends to tickets of the same size (the fault run's average is ~15).
    const allConversationIds: string[] = [];
    let roundNumber = 0;
    async function openRoundTickets(): Promise<string[]> {
      const ids = Array.from({ length: conversations }, (_, index) => `conv_bench_${roundNumber}_${index}`);
      roundNumber++;
      for (const conversationId of ids) {
        await ticketing.app.tickets.open({
          id: handoffTicketId(conversationId),
          conversationId,
          language: 'en',
          issueKind: 'order_missing',
          messages: Array.from({ length: earlierMessages }, (_, index) => ({
            author: { kind: 'customer' as const },
            visibility: 'public' as const,
            body: `Earlier message ${index}: where is my parcel? It was due on Monday and the tracking page has not moved.`,
          })),
        });
      }
      allConversationIds.push(...ids);
      return ids;
    }

    let sequence = 0;
    function roundEvents(conversationIds: readonly string[]): OutboxEvent[] {
      const events: OutboxEvent[] = [];
      for (let turn = 0; turn < messagesPerConversation; turn++) {
        for (const conversationId of conversationIds) {
          const id = `msg_${(sequence++).toString(16).padStart(12, '0')}`;
          events.push({
            id: shopperMessageJobId(id),
            queue: '',
            key: conversationId,
            payload: {
              conversationId,
              ticketId: handoffTicketId(conversationId),
              language: 'en',
              message: { id, body: `Message ${id}: any news about my parcel?`, at: new Date().toISOString() },
            },
          });
        }
      }
      return events;
    }

    async function runRound(side: Side, profileFile?: string): Promise<{ relay: PhaseFigures; worker: PhaseFigures }> {
      const events = roundEvents(await openRoundTickets()).map((event) => ({ ...event, queue: side.queueName }));
      const count = events.length;
      // Relay phase: recorded and relayed while the worker holds off (its CPU is the relay's).
      await side.pause();
      let cpu = { app: appCpu(), database: databaseCpu() };
      let commands = chatCommands.snapshot();
      let redisCommands = await redisCommandCount(redis);
      let started = performance.now();
      await Promise.all(events.map((event) => outbox.record(event)));
      await waitFor(async () => (await outbox.pending()) === 0, 'the outbox to drain', signal);
      let seconds = (performance.now() - started) / 1000;
      // The drain check above is the bench's own polling: left out of the relay's round trips.
      const relayCommands = chatCommands.since(commands);
      relayCommands.delete('count');
      relayCommands.delete('aggregate');
      const relay: PhaseFigures = {
        seconds,
        perSecond: count / seconds,
        appCpuMsPerMessage: ((appCpu() - cpu.app) * 1000) / count,
        databaseCpuMsPerMessage: ((databaseCpu() - cpu.database) * 1000) / count,
        roundTripsPerMessage: total(relayCommands, background) / count,
        redisCommandsPerMessage: ((await redisCommandCount(redis)) - redisCommands) / count,
        commands: relayCommands,
      };
      // Worker phase: the backlog of `count` jobs applied at saturation.
      const session = profileFile ? new Session() : undefined;
      if (session) {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      const before = side.completed();
      cpu = { app: appCpu(), database: databaseCpu() };
      commands = ticketingCommands.snapshot();
      redisCommands = await redisCommandCount(redis);
      started = performance.now();
      await side.resume();
      await waitFor(() => side.completed() - before >= count, `${count} ${side.name} jobs`, signal);
      seconds = (performance.now() - started) / 1000;
      const workerCommands = ticketingCommands.since(commands);
      const worker: PhaseFigures = {
        seconds,
        perSecond: count / seconds,
        appCpuMsPerMessage: ((appCpu() - cpu.app) * 1000) / count,
        databaseCpuMsPerMessage: ((databaseCpu() - cpu.database) * 1000) / count,
        roundTripsPerMessage: total(workerCommands, background) / count,
        redisCommandsPerMessage: ((await redisCommandCount(redis)) - redisCommands) / count,
        commands: workerCommands,
      };
      if (session && profileFile) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(profileFile, JSON.stringify(profile));
        session.disconnect();
      }
      return { relay, worker };
    }

    // Warm-up round each (JIT, connections, FerretDB's statement cache), untimed.
    for (const side of sides) await runRound(side);
    const results: Record<Side['name'], Array<{ relay: PhaseFigures; worker: PhaseFigures }>> = {
      ticketing: [],
      bare: [],
    };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        if (signal.aborted) throw new Error('interrupted');
        results[side.name].push(await runRound(side));
      }
    }
    const profileFile = path.join(os.tmpdir(), `loyaldesk-relay-worker-${process.pid}.cpuprofile`);
    await runRound(sides[0] as Side, profileFile);

    // Every message of every ticketing round is on its ticket, once.
    // FerretDB has no $size in $project: the ids come back and are counted here.
    const stored = await tickets
      .find({ conversationId: { $in: allConversationIds } }, { projection: { 'messages.id': 1 } })
      .toArray();
    const onTickets = stored.reduce(
      (sum, ticket) => sum + new Set((ticket['messages'] as Array<{ id: string }>).map((m) => m.id)).size,
      0,
    );
    const expected = allConversationIds.length * (earlierMessages + messagesPerConversation);
    if (onTickets !== expected) throw new Error(`expected ${expected} messages on the tickets, found ${onTickets}`);
    await outbox.stop();

    const median = (values: number[]): number => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    };
    const of = (name: Side['name'], pick: (round: { relay: PhaseFigures; worker: PhaseFigures }) => number) =>
      results[name].map(pick);
    const measure = (
      name: string,
      unit: string,
      pick: (round: { relay: PhaseFigures; worker: PhaseFigures }) => number,
    ): Measure => ({
      measure: name,
      value: median(of('ticketing', pick)),
      unit,
      baseline: median(of('bare', pick)),
      rounds: of('ticketing', pick),
      baselineRounds: of('bare', pick),
    });
    const measures: Measure[] = [
      measure('worker messages per second', 'messages/s', (round) => round.worker.perSecond),
      measure('worker CPU per message', 'ms', (round) => round.worker.appCpuMsPerMessage),
      measure('worker database CPU per message', 'ms', (round) => round.worker.databaseCpuMsPerMessage),
      measure('worker round trips per message', 'commands', (round) => round.worker.roundTripsPerMessage),
      measure('worker Redis commands per message', 'commands', (round) => round.worker.redisCommandsPerMessage),
      measure('relay messages per second', 'messages/s', (round) => round.relay.perSecond),
      measure('relay CPU per message', 'ms', (round) => round.relay.appCpuMsPerMessage),
      measure('relay database CPU per message', 'ms', (round) => round.relay.databaseCpuMsPerMessage),
      measure('relay round trips per message', 'commands', (round) => round.relay.roundTripsPerMessage),
      measure('relay Redis commands per message', 'commands', (round) => round.relay.redisCommandsPerMessage),
    ];
    const count = conversations * messagesPerConversation;
    const last = results.ticketing.at(-1);
    const commandsOf = (commands: Map<string, number> | undefined): string =>
      [...(commands ?? new Map<string, number>())]
        .filter(([name]) => !background.includes(name))
        .map(([name, n]) => `${name} ${(n / count).toFixed(2)}`)
        .join(', ');
    context.print(
      `relay: ${count} messages per round over ${conversations} conversations (fresh tickets with ${earlierMessages} messages each round), ` +
        `${rounds} rounds per side, medians; baseline = the same relay and Bull with a worker that only $pushes by _id\n` +
        `${database.name} ${database.version}, Redis ${redisServer.version}, both started for this run\n` +
        formatTable(
          ['measure', 'ticketing', 'bare', 'ratio'],
          measures.map((m) => [
            m.measure,
            `${m.value.toFixed(2)} ${m.unit}`,
            `${(m.baseline ?? Number.NaN).toFixed(2)} ${m.unit}`,
            m.baseline ? (m.value / m.baseline).toFixed(2) : '–',
          ]),
          { indent: '  ' },
        ) +
        `\n  ticketing worker commands per message (last round): ${commandsOf(last?.worker.commands)}` +
        `\n  relay commands per message (last round): ${commandsOf(last?.relay.commands)}` +
        `\n  CPU profile of the ticketing worker (one more round): ${profileFile}`,
    );
    return measures;
  },
};
