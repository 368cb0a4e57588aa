import { readFileSync } from 'node:fs';

/** The kernel's clock ticks per second for /proc times (USER_HZ: 100 on every Linux this runs on). */
const clockTicksPerSecond = 100;

/** CPU time a process has used so far (user + system, all threads), in seconds (/proc/<pid>/stat). */
export function processCpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** Cumulative CPU time of the whole machine (all cores), in seconds, from the first line of /proc/stat. */
export interface MachineCpuTimes {
  /** user + nice + system + irq + softirq: time some process or the kernel ran. */
  busy: number;
  idle: number;
  /** Time this virtual machine's cores were ready but the hypervisor ran someone else. */
  steal: number;
}

export function machineCpuTimes(): MachineCpuTimes {
  const [, user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = (
    readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
  )
    .trim()
    .split(/\s+/)
    .map(Number);
  return {
    busy: (user + nice + system + irq + softirq) / clockTicksPerSecond,
    idle: (idle + iowait) / clockTicksPerSecond,
    steal: steal / clockTicksPerSecond,
  };
}
