import { describe, expect, it } from 'vitest';
import { databaseLaunch, ferretdbClientPoolSize } from './database-server.ts';

// The fault suite's Redis restart froze both apps until the database restart: FerretDB's 100
// SQLite connections were all held by updates waiting for its one writer (goroutine dump: 100 open
// rows, the writer waiting for a connection). Four app processes could each open 100.
describe('databaseLaunch', () => {
  it("bounds each client's pool in FerretDB's URL so that the fault suite's four app processes stay well below its 100 connections", () => {
    const { url } = databaseLaunch('ferretdb', { port: 27999, dir: '/tmp/x' });
    const poolSize = Number(new URL(url).searchParams.get('maxPoolSize'));
    expect(poolSize).toBe(ferretdbClientPoolSize);
    expect(4 * poolSize).toBeLessThanOrEqual(80);
  });

  it('leaves mongod’s URL to the driver’s defaults', () => {
    const { url } = databaseLaunch('mongod', { port: 27999, dir: '/tmp/x' });
    expect(new URL(url).searchParams.get('maxPoolSize')).toBeNull();
  });
});
