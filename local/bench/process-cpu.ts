/**
 * CPU time of another process, from Linux's /proc/<pid>/stat (utime + stime). On a shared machine
 * wall-clock rates swing with the neighbours' load; CPU time per operation swings far less, so the
 * benchmark reports both.
 */
import { readFileSync } from 'node:fs';

/** USER_HZ: the unit of utime and stime. 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** A function returning the process's CPU milliseconds so far, or undefined where /proc is absent. */
export function processCpuClock(pid: number): (() => number) | undefined {
  const path = `/proc/${pid}/stat`;
  const read = (): number => {
    const stat = readFileSync(path, 'utf8');
    // Fields after the parenthesised command name, which may itself hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  };
  try {
    read();
    return read;
  } catch {
    return undefined;
  }
}
