import type { MongoClient } from 'mongodb';
import type { Logger } from 'pino';

export interface MonitorWatchdogOptions {
  /**
   * A heartbeat that started this long ago and has not ended means the server monitor is stuck.
   * The driver bounds every check by its connect timeout (connecting, then the `hello`), so twice
   * `connectTimeoutMS` plus a margin never fires on a check that is merely slow.
   */
  stallAfterMs: number;
  /** How often heartbeats in progress are looked at (default 1 s). */
  checkEveryMs?: number;
  /**
   * Asks the server directly (a fresh connection): true when it answers. A heartbeat pending for
   * `probeAfterMs` while the server answers is stuck, so the client is reconnected without waiting
   * for `stallAfterMs` (a database restart is then over in seconds, not tens of seconds).
   */
  probe?: () => Promise<boolean>;
  /** Default 3 s. */
  probeAfterMs?: number;
  logger?: Logger;
  /** Milliseconds; `performance.now` unless a test gives its own. */
  now?: () => number;
}

export interface MonitorWatchdog {
  /** Times the client was closed and connected again because its monitor was stuck. */
  readonly restarts: number;
  stop(): void;
}

/**
 * Watches a MongoClient's server monitor and, when a heartbeat started and never ended, closes and
 * connects the client again (public API only). Why: the driver (mongodb 6.20) can lose its monitor
 * for good when the server goes away: a check that writes its `hello` to a socket the server has
 * just closed waits for a `drain` that never comes, so the server stays `Unknown` and every
 * operation fails server selection long after the database is back (seen in the fault suite's
 * database restart: one instance in two stayed down for minutes). The monitor emits
 * `serverHeartbeatStarted` before each check and `…Succeeded` / `…Failed` after it, which is what
 * this watches.
 * @example const watchdog = watchServerMonitor(connection.getClient(), { stallAfterMs: 15_000, logger });
 */
export function watchServerMonitor(client: MongoClient, options: MonitorWatchdogOptions): MonitorWatchdog {
  const now = options.now ?? (() => performance.now());
  const startedAt = new Map<string, number>();
  let restarts = 0;
  let restarting = false;
  let probing = false;
  let stopped = false;
  const probeAfterMs = options.probeAfterMs ?? 3_000;

  const onStarted = (event: { connectionId: string; awaited?: boolean }): void => {
    // A streaming `hello` (MongoDB 4.4+: `awaited`) is answered only when something changes or after
    // heartbeatFrequencyMS (10 s): pending by design, so only polled checks are watched.
    if (event.awaited) return;
    if (!startedAt.has(event.connectionId)) startedAt.set(event.connectionId, now());
  };
  const onEnded = (event: { connectionId: string }): void => {
    startedAt.delete(event.connectionId);
  };
  client.on('serverHeartbeatStarted', onStarted);
  client.on('serverHeartbeatSucceeded', onEnded);
  client.on('serverHeartbeatFailed', onEnded);

  async function restart(address: string, stalledMs: number, why: 'timeout' | 'server answers'): Promise<void> {
    restarting = true;
    restarts++;
    options.logger?.error(
      { address, stalledMs: Math.round(stalledMs), restarts, why },
      'database monitor stuck (a heartbeat never ended): reconnecting the client',
    );
    try {
      await client.close();
      startedAt.clear();
      if (!stopped) await client.connect();
    } catch (error) {
      // The server may still be away: the driver connects again on the next operation, and a
      // stuck monitor would be seen again here.
      options.logger?.warn({ err: error }, 'database client not reconnected yet');
    } finally {
      restarting = false;
    }
  }

  async function probeThenRestart(address: string, started: number): Promise<void> {
    probing = true;
    try {
      const answers = await options.probe?.().catch(() => false);
      // Still the same heartbeat, and the server answers a fresh connection: the monitor is stuck.
      if (answers && !stopped && !restarting && startedAt.get(address) === started) {
        await restart(address, now() - started, 'server answers');
      }
    } finally {
      probing = false;
    }
  }

  const timer = setInterval(() => {
    if (restarting || probing || stopped) return;
    for (const [address, started] of startedAt) {
      const stalledMs = now() - started;
      if (stalledMs > options.stallAfterMs) {
        void restart(address, stalledMs, 'timeout');
        return;
      }
      if (options.probe && stalledMs > probeAfterMs) {
        void probeThenRestart(address, started);
        return;
      }
    }
  }, options.checkEveryMs ?? 1_000);
  timer.unref();

  return {
    get restarts() {
      return restarts;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      client.off('serverHeartbeatStarted', onStarted);
      client.off('serverHeartbeatSucceeded', onEnded);
      client.off('serverHeartbeatFailed', onEnded);
    },
  };
}
