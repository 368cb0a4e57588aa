import { readFileSync } from 'node:fs';

/** The kernel's clock ticks per second for /proc times (USER_HZ: 100 on every Linux this runs on). */
const clockTicksPerSecond = 100;

/** CPU time a process has used so far (user + system, all threads), in seconds (/proc/<pid>/stat). */
export function processCpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}
