/**
 * The processes the demo started, found in /proc (Linux): every descendant of a pid, and every
 * PostgreSQL server whose data directory lies under a given folder. Synchronous on purpose: the
 * last sweep runs right before the process exits, with no event-loop turn in which a restart
 * timer could spawn something new.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function parentPids(procDir: string): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync(procDir)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(path.join(procDir, entry, 'stat'), 'utf8');
      // The command sits in parentheses and may itself hold spaces or ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // A zombie has exited already; only its parent's wait() is missing.
      if (fields[0] !== 'Z') parents.set(Number(entry), Number(fields[1]));
    } catch {
      // It ended between readdir and readFile.
    }
  }
  return parents;
}

export function descendantPids(rootPid: number, procDir = '/proc'): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parentPids(procDir)) {
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** `postgres` processes whose command line names a path under `dir` (their `-D` data dir). */
export function postgresPidsUnder(dir: string, procDir = '/proc'): number[] {
  const prefix = path.resolve(dir) + path.sep;
  const found: number[] = [];
  for (const pid of parentPids(procDir).keys()) {
    try {
      const argv = readFileSync(path.join(procDir, String(pid), 'cmdline'), 'utf8').split('\0');
      if (path.basename(argv[0] ?? '') === 'postgres' && argv.some((a) => a.startsWith(prefix)))
        found.push(pid);
    } catch {
      // Ended meanwhile.
    }
  }
  return found;
}

/** Signals each pid that still exists (SIGKILL by default); returns those it signalled. */
export function killPids(pids: number[], signal: NodeJS.Signals = 'SIGKILL'): number[] {
  const killed: number[] = [];
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
      killed.push(pid);
    } catch {
      // Already gone.
    }
  }
  return killed;
}

/** The command line of a pid, for saying what was left behind; '' once it is gone. */
export function commandLineOf(pid: number, procDir = '/proc'): string {
  try {
    return readFileSync(path.join(procDir, String(pid), 'cmdline'), 'utf8')
      .split('\0')
      .join(' ')
      .trim();
  } catch {
    return '';
  }
}
