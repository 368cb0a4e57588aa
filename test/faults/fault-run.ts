import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppInstance, type AppInstance, type SharedAppSettings } from './app-instances.ts';
import { readDatabaseSnapshot } from './database-snapshot.ts';
import { readQueueBacklog } from './queue-backlog.ts';
import type { CheckResult, DatabaseSnapshot } from './delivery-checks.ts';
import { newRecorder, type FaultRecord, type FaultRecorder } from './fault-records.ts';
import { faultJsonLines, formatFaultReport } from './fault-report.ts';
import { planFaults, type PlannedFault } from './fault-schedule.ts';
import { startFaultDatabase, startFaultRedis, type ProcessExit, type RestartableServer } from './fault-servers.ts';
import { deliveryChecks, summarizeFaultRun, type Measure } from './fault-summary.ts';
import { createAgents, runAgent, runProbeAgent } from './simulated-agent.ts';
import { runShopper, type ConversationDirectory } from './simulated-shopper.ts';
import { TicketingPool } from './ticketing-client.ts';
import { jitter, sleep } from './waits.ts';

export interface FaultRunOptions {
  shoppers: number;
  agents: number;
  /** Minutes of load, faults included (the drain comes after). */
  minutes: number;
  /** Progress and the report go here (stdout for `npm run faults`). */
  log: (line: string) => void;
  /** Aborting stops the run early; everything started is still stopped. */
  signal: AbortSignal;
}

export interface FaultRunResult {
  passed: boolean;
  report: string;
  jsonLines: string[];
  checks: CheckResult[];
  measures: Measure[];
  /** Where the processes' logs were kept (a failed run keeps them); null when removed. */
  logDir: string | null;
}

// Starting four app processes (tsx compiles, the chat bot loads its NLU model) on a loaded 2-core machine.
const appStartTimeoutMs = 180_000;
const progressEveryMs = 5_000;

/**
 * `npm run faults`: the product as separate processes (two chat-bot and two ticketing instances,
 * Redis with AOF, the database server, all owned by this run), shoppers and agents at work, and
 * mid-load a kill -9 of a chat-bot and of a ticketing instance (each started again), a Redis
 * restart and a database restart; then a drain, and the checks by id against the database.
 */
export async function runFaultSuite(options: FaultRunOptions): Promise<FaultRunResult> {
  // The run's clock: set-up counts from the start, then 0 = the load starts (every record and report time).
  let origin = performance.now();
  const now = (): number => Math.round(performance.now() - origin);
  const { log } = options;
  const plan = planFaults(options.minutes * 60);
  const recorder = newRecorder();
  const runId = randomBytes(4).toString('hex');
  const runDir = mkdtempSync(path.join(os.tmpdir(), `loyaldesk-faults-${runId}-`));
  const onUnexpectedExit = (exit: ProcessExit): void => {
    recorder.unexpectedExits.push(exit);
    log(`!! ${exit.name} (pid ${exit.pid ?? '?'}) exited unexpectedly: ${exit.signal ?? `code ${exit.code ?? '?'}`}`);
  };

  // Bounded as a whole: start-up, the load (faults may run late by their restarts), the drain, the checks.
  const hardLimitMs = appStartTimeoutMs * 2 + plan.loadSeconds * 1000 + 4 * appStartTimeoutMs + plan.drainSeconds * 1000 + 120_000;
  const runAbort = AbortSignal.any([options.signal, AbortSignal.timeout(hardLimitMs)]);
  const loadController = new AbortController();
  const drainController = new AbortController();
  const loadEnded = AbortSignal.any([loadController.signal, runAbort]);
  const drainEnded = AbortSignal.any([drainController.signal, runAbort]);
  // Every simulated shopper and agent waits on these (thousands of listeners, removed as waits end).
  setMaxListeners(0, runAbort, loadEnded, drainEnded);

  const servers: RestartableServer[] = [];
  const instances: AppInstance[] = [];
  const workers: Promise<void>[] = [];
  const probes: Promise<void>[] = [];
  let passed = false;
  try {
    log(`[faults] run ${runId}: ${options.shoppers} shoppers, ${options.agents} agents, ${options.minutes} min of load; logs in ${runDir}`);
    const [redis, database] = await Promise.all([
      startFaultRedis({ dir: runDir, now, onUnexpectedExit }),
      startFaultDatabase({ dir: runDir, now, onUnexpectedExit }),
    ]);
    servers.push(redis, database);
    log(
      `[faults] ${database.description} at ${database.url} (pid ${database.pid() ?? '?'}); ` +
        `${redis.description} at ${redis.url} (pid ${redis.pid() ?? '?'})`,
    );

    const shared: SharedAppSettings = {
      mongoUri: database.url,
      dbName: `faults_${runId}`,
      redisUrl: redis.url,
      redisPrefix: `faults_${runId}:`,
      bullPrefix: `faults_${runId}:bull`,
      socketIoKey: `faults_${runId}:socket.io`,
    };
    // A crashed app instance is started again, as a process supervisor would (every 2 s until it
    // answers): the crash fails the run, and the faults after it still test something.
    const onAppCrash = (exit: ProcessExit): void => {
      onUnexpectedExit(exit);
      const crashed = instances.find((instance) => instance.label === exit.name);
      if (!crashed) return;
      void (async () => {
        for (let attempt = 1; !loadEnded.aborted; attempt++) {
          await sleep(2_000, loadEnded);
          if (loadEnded.aborted || crashed.state() !== 'killed') return;
          log(`[faults] restarting ${crashed.label} after its crash (attempt ${attempt})`);
          try {
            await crashed.start(appStartTimeoutMs);
            log(`[faults] ${crashed.label} is back after its crash`);
            return;
          } catch (error) {
            recorder.failedRestarts.push({ name: crashed.label, atMs: now(), reason: firstLine(error) });
            log(`!! ${crashed.label} did not start: ${firstLine(error)}`);
          }
        }
      })();
    };
    const create = (app: 'chat-bot' | 'ticketing', label: string): Promise<AppInstance> =>
      createAppInstance({ app, label, dir: runDir, shared, now, onUnexpectedExit: onAppCrash });
    const [ticketing1, ticketing2, chat1, chat2] = await Promise.all([
      create('ticketing', 'ticketing-1'),
      create('ticketing', 'ticketing-2'),
      create('chat-bot', 'chat-1'),
      create('chat-bot', 'chat-2'),
    ]);
    instances.push(ticketing1, ticketing2, chat1, chat2);
    const chatInstances = [chat1, chat2];
    const ticketingInstances = [ticketing1, ticketing2];
    // The first ticketing instance seeds the demo accounts alone (two at once would race on the insert).
    await Promise.all([ticketing1.start(appStartTimeoutMs), chat1.start(appStartTimeoutMs), chat2.start(appStartTimeoutMs)]);
    await ticketing2.start(appStartTimeoutMs);
    log(`[faults] apps up after ${(now() / 1000).toFixed(1)} s: ${instances.map((instance) => `${instance.label} pid ${instance.pid() ?? '?'}`).join(', ')}`);

    const pool = new TicketingPool(ticketingInstances, recorder, now);
    const accounts = await createAgents(pool, options.agents, ticketingInstances.length, runId);
    recorder.http.length = 0; // set-up requests are not part of the load
    log(`[faults] ${accounts.agents.length} agent and ${accounts.probes.length} probe accounts created and signed in`);

    origin = performance.now();
    const loadStartMs = now();
    const directory: ConversationDirectory = new Map();
    const locations = new Map<number, string>();
    const shopperThinkMs = Math.max(2_000, options.shoppers * 10);
    const shopperWorld = { chatInstances, recorder, now, loadEnded, drainEnded, thinkMs: shopperThinkMs, directory, locations };
    const rampMs = Math.min(plan.warmupSeconds * 600, 5_000 + options.shoppers * 20);
    for (let index = 0; index < options.shoppers; index++) {
      workers.push(runShopper(index, shopperWorld, { startDelayMs: (index / Math.max(1, options.shoppers)) * rampMs }));
    }
    const agentWorld = { pool, recorder, now, loadEnded, drainEnded, thinkMs: 2_500, directory };
    for (const account of accounts.agents) workers.push(runAgent(account, agentWorld, jitter(1_000)));
    // Probes, one pinned to each instance, run until the drain ends: they time every instance's recovery.
    chatInstances.forEach((instance, offset) => {
      probes.push(runShopper(options.shoppers + offset, shopperWorld, { pinnedTo: instance, startDelayMs: 0 }));
    });
    ticketingInstances.forEach((instance, offset) => {
      const account = accounts.probes[offset];
      if (account) probes.push(runProbeAgent(account, instance, agentWorld));
    });

    const progress = setInterval(() => log(progressLine(now() - loadStartMs, recorder, locations, chatInstances)), progressEveryMs);
    let lastFaultEndMs = loadStartMs;
    try {
      lastFaultEndMs = await injectFaults({
        plan: plan.faults,
        loadStartMs,
        now,
        signal: runAbort,
        log,
        record: (fault) => recorder.faults.push(fault),
        chat: chat1,
        ticketing: ticketing2,
        redis,
        database,
        locations,
      });
      // The last fault's recovery is timed under load too.
      const loadEndMs = Math.max(loadStartMs + plan.loadSeconds * 1000, lastFaultEndMs + 5_000);
      await sleep(loadEndMs - now(), runAbort);
      loadController.abort();
      log(`[faults] load ended at ${((now() - loadStartMs) / 1000).toFixed(1)} s; draining (at most ${plan.drainSeconds} s)`);

      // The drain: shoppers re-send what was not acknowledged, the apps deliver what was pending.
      const drainStartMs = now();
      const drainDeadlineMs = drainStartMs + plan.drainSeconds * 1000;
      await Promise.race([Promise.allSettled(workers), sleep(drainDeadlineMs - now(), runAbort)]);
      let deliveredAtMs: number | null = null;
      while (!runAbort.aborted) {
        const snapshot = await readDatabaseSnapshot(database.url, shared.dbName);
        if (Object.values(deliveryChecks(recorder, snapshot)).every((result) => result.pass)) {
          deliveredAtMs = now();
          break;
        }
        if (now() >= drainDeadlineMs) break;
        await sleep(Math.min(3_000, drainDeadlineMs - now()), runAbort);
      }
      drainController.abort();
      await Promise.race([Promise.allSettled([...workers, ...probes]), sleep(15_000)]);
      clearInterval(progress);

      const snapshot: DatabaseSnapshot = await readDatabaseSnapshot(database.url, shared.dbName);
      const summary = summarizeFaultRun({
        recorder,
        snapshot,
        windows: { faults: recorder.faults, loadStartMs, loadEndMs },
        chatInstances: chatInstances.map((instance) => instance.label),
        ticketingInstances: ticketingInstances.map((instance) => instance.label),
      });
      const drainSeconds = deliveredAtMs === null ? null : (deliveredAtMs - drainStartMs) / 1000;
      summary.measures.push({ measure: 'drain until everything was delivered', value: drainSeconds ?? -1, unit: 's' });
      const backlog = await readQueueBacklog(redis.url, shared.bullPrefix).catch((error: unknown) => {
        log(`!! could not read the queues' backlog: ${firstLine(error)}`);
        return [];
      });
      for (const queue of backlog) {
        summary.measures.push({ measure: `${queue.queue} jobs unfinished at the end`, value: queue.waiting + queue.active + queue.delayed, unit: 'jobs' });
        summary.measures.push({ measure: `${queue.queue} jobs failed for good`, value: queue.failed, unit: 'jobs' });
      }
      const report = formatFaultReport(
        {
          shoppers: options.shoppers,
          agents: options.agents,
          minutes: options.minutes,
          database: database.description,
          redis: redis.description,
          elapsedSeconds: (now() - loadStartMs) / 1000,
          drainSeconds,
        },
        summary,
        backlog,
      );
      passed = summary.checks.every((result) => result.pass) && !runAbort.aborted;
      const stoppedEarly = options.signal.aborted ? 'INTERRUPTED: ' : runAbort.aborted ? `STOPPED at the run's time limit (${Math.round(hardLimitMs / 1000)} s): ` : '';
      return {
        passed,
        report: `${stoppedEarly}${report}`,
        jsonLines: faultJsonLines(summary.measures, summary.checks),
        checks: summary.checks,
        measures: summary.measures,
        logDir: passed ? null : runDir,
      };
    } finally {
      clearInterval(progress);
    }
  } finally {
    loadController.abort();
    drainController.abort();
    await Promise.race([Promise.allSettled([...workers, ...probes]), sleep(10_000)]);
    await Promise.allSettled(instances.map((instance) => instance.stop()));
    await Promise.allSettled(servers.map((server) => server.stop()));
    // A failed run keeps its folder: the processes' logs, the database and Redis files, and what was recorded.
    if (passed) rmSync(runDir, { recursive: true, force: true });
    else writeFileSync(path.join(runDir, 'records.json'), recordsAsJson(recorder));
  }
}

/** Injects the planned faults one after another; returns when the last one ended. */
async function injectFaults(input: {
  plan: readonly PlannedFault[];
  loadStartMs: number;
  now: () => number;
  signal: AbortSignal;
  log: (line: string) => void;
  record: (fault: FaultRecord) => void;
  chat: AppInstance;
  ticketing: AppInstance;
  redis: RestartableServer;
  database: RestartableServer;
  locations: ReadonlyMap<number, string>;
}): Promise<number> {
  const { now, signal, log } = input;
  let earliestMs = input.loadStartMs;
  let lastEndMs = input.loadStartMs;
  for (const planned of input.plan) {
    await sleep(Math.max(input.loadStartMs + planned.atSeconds * 1000, earliestMs) - now(), signal);
    if (signal.aborted) break;
    const at = (): string => `${((now() - input.loadStartMs) / 1000).toFixed(1)} s`;
    const startMs = now();
    const restart = async (fault: FaultRecord, what: { start(): Promise<void> }): Promise<void> => {
      await sleep(startMs + planned.downSeconds * 1000 - now(), signal);
      try {
        await what.start();
        fault.endMs = now();
      } catch (error) {
        log(`!! ${fault.target} did not come back: ${firstLine(error)}`);
      }
    };
    let fault: FaultRecord;
    if (planned.kind === 'chat-bot kill -9' || planned.kind === 'ticketing kill -9') {
      const instance = planned.kind === 'chat-bot kill -9' ? input.chat : input.ticketing;
      const displaced = [...input.locations].filter(([, label]) => label === instance.label).map(([shopper]) => shopper);
      fault = { kind: planned.kind, target: instance.label, startMs, endMs: null, displacedShoppers: displaced };
      input.record(fault);
      log(`[faults] ${at()}: kill -9 ${instance.label} (pid ${instance.pid() ?? '?'})${planned.kind === 'chat-bot kill -9' ? `, ${displaced.length} shoppers on it` : ''}`);
      instance.kill9();
      await restart(fault, { start: () => instance.start(appStartTimeoutMs) });
    } else {
      const server = planned.kind === 'Redis restart' ? input.redis : input.database;
      fault = { kind: planned.kind, target: server.name, startMs, endMs: null, displacedShoppers: [] };
      input.record(fault);
      log(`[faults] ${at()}: stopping ${server.name} for ${planned.downSeconds} s`);
      await server.stop();
      await restart(fault, server);
    }
    log(`[faults] ${at()}: ${fault.target} back${fault.endMs === null ? ' — NOT (it did not start)' : ` after ${((fault.endMs - startMs) / 1000).toFixed(1)} s`}`);
    lastEndMs = fault.endMs ?? now();
    earliestMs = lastEndMs + 2_000;
  }
  return lastEndMs;
}

function progressLine(
  elapsedMs: number,
  recorder: FaultRecorder,
  locations: ReadonlyMap<number, string>,
  chatInstances: readonly AppInstance[],
): string {
  const acked = recorder.messages.filter((record) => record.ackedAtMs !== null).length;
  const serverErrors = recorder.http.filter((request) => request.status !== null && request.status >= 500).length;
  const sockets = chatInstances.map((instance) => `${instance.label} ${[...locations.values()].filter((label) => label === instance.label).length}`).join(', ');
  const fault = recorder.faults.find((candidate) => candidate.endMs === null);
  return (
    `[faults ${(elapsedMs / 1000).toFixed(0).padStart(4)} s] ${fault ? `${fault.kind} (${fault.target})` : 'running'}; sockets ${sockets}; ` +
    `messages sent ${recorder.messages.length}, acknowledged ${acked}; handoffs ${recorder.handoffs.length}; claims ${recorder.claims.length}; ` +
    `replies 2xx ${recorder.replies.length}; 5xx ${serverErrors}`
  );
}

/** What a run recorded, as JSON (kept with a failed run's logs, to look up any id the checks named). */
function recordsAsJson(recorder: FaultRecorder): string {
  return JSON.stringify(
    {
      ...recorder,
      resolveRequestedAtMs: Object.fromEntries(recorder.resolveRequestedAtMs),
      agentMessagesSeenLive: [...recorder.agentMessagesSeenLive],
    },
    null,
    1,
  );
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
