import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Schema } from 'mongoose';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectMongo, type Connection } from './connect.ts';

// The fault suite's database restart left one app instance in two failing every operation with
// server selection errors for minutes after the server was back: the driver's monitor had started
// a heartbeat that never ended (its `hello` waited for a `drain` on a socket the server had closed),
// so nothing updated the server's `Unknown` description again. That race cannot be timed from a
// test; the client's own event for a check that starts and never ends stands in for it here.
describe('connectMongo with a stuck server monitor', () => {
  const lines: string[] = [];
  const logger = pino(
    { level: 'warn' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  let connection: Connection;

  beforeAll(async () => {
    connection = await connectMongo({
      uri: inject('mongoUri'),
      dbName: `test_${randomBytes(6).toString('hex')}`,
      logger,
    });
  });
  afterAll(async () => {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });

  it('leaves a streaming heartbeat alone (MongoDB answers an awaited hello only after up to 10 s)', async () => {
    const client = connection.getClient();
    const address = `${new URL(inject('mongoUri')).hostname}:${new URL(inject('mongoUri')).port}`;
    let reopened = 0;
    const onOpening = (): void => void reopened++;
    client.on('topologyOpening', onOpening);
    await new Promise((resolve) => client.once('serverHeartbeatSucceeded', resolve));
    client.emit('serverHeartbeatStarted', { connectionId: address, awaited: true, name: 'serverHeartbeatStarted' } as never);
    // Past the 6 s after which a polled check would be probed and the client reconnected.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    client.off('topologyOpening', onOpening);
    client.emit('serverHeartbeatSucceeded', { connectionId: address, awaited: true } as never);
    expect(reopened).toBe(0);
    expect(lines.join('')).not.toContain('database monitor stuck');
  }, 30_000);

  it('closes and connects the client again once the server answers a fresh connection, and operations work afterwards', async () => {
    const client = connection.getClient();
    const address = `${new URL(inject('mongoUri')).hostname}:${new URL(inject('mongoUri')).port}`;
    let reopened = 0;
    client.on('topologyOpening', () => reopened++);
    // Right after a real check ended, so the next real one (10 s on) does not end the stand-in first.
    await new Promise((resolve) => client.once('serverHeartbeatSucceeded', resolve));
    // What the monitor emits when it starts a check; no Succeeded/Failed follows.
    client.emit('serverHeartbeatStarted', { connectionId: address, awaited: false, name: 'serverHeartbeatStarted' } as never);

    // After 6 s (the 5 s connect timeout + 1 s), well before the 15 s a check may take at most: the server answers.
    await expect
      .poll(() => reopened, { timeout: 12_000, interval: 200 })
      .toBeGreaterThan(0);
    expect(lines.join('')).toContain('database monitor stuck');
    expect(lines.join('')).toContain('"why":"server answers"');

    const Items = connection.model('WatchdogItem', new Schema({ _id: String, n: Number }), 'watchdog_items');
    await Items.create({ _id: 'a', n: 1 });
    expect((await Items.findById('a').lean())?.n).toBe(1);
  }, 30_000);
});
