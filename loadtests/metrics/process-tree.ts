/**
 * The processes to sample: the given roots and all their descendants, found by walking /proc
 * (Linux). Re-read each sample, so replicas and Lambda children started mid-run are included.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface RootProcess {
  pid: number;
  /** What the root is, e.g. `local-cloud`, `catalog`, `worker`. */
  label: string;
}

export interface TreeProcess {
  pid: number;
  /** `label` for a root, `label/command` for a descendant. */
  name: string;
}

export async function processTree(roots: RootProcess[], procDir = '/proc'): Promise<TreeProcess[]> {
  const parents = await readParentPids(procDir);
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) {
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }

  const found: TreeProcess[] = [];
  const seen = new Set<number>();
  for (const root of roots) {
    if (!parents.has(root.pid)) continue;
    const queue: Array<{ pid: number; isRoot: boolean }> = [{ pid: root.pid, isRoot: true }];
    while (queue.length > 0) {
      const { pid, isRoot } = queue.shift()!;
      if (seen.has(pid)) continue;
      seen.add(pid);
      const name = isRoot ? root.label : `${root.label}/${await shortCommand(procDir, pid)}`;
      found.push({ pid, name });
      for (const child of children.get(pid) ?? []) queue.push({ pid: child, isRoot: false });
    }
  }
  return found;
}

async function readParentPids(procDir: string): Promise<Map<number, number>> {
  const parents = new Map<number, number>();
  for (const entry of await readdir(procDir)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(path.join(procDir, entry, 'stat'), 'utf8');
      // The command sits in parentheses and may itself hold spaces or ')': parse after the last ')'.
      const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(afterName[1]));
    } catch {
      // The process ended between readdir and readFile.
    }
  }
  return parents;
}

/** Programs whose first path-like argument is the script they run. */
const INTERPRETERS = /^(node|nodejs|tsx|bun|deno|python[\d.]*|ruby|perl|bash|sh)$/;

/**
 * `node main.ts`, `postgres`: the program's base name and, for interpreters, the script's. A
 * process that retitled itself (`postgres: io worker 0`, `postgres: app orders 127.0.0.1 idle`)
 * is named by the part before the colon, so one server's helpers and backends share a name and
 * the report draws them as one line.
 */
export async function shortCommand(procDir: string, pid: number): Promise<string> {
  try {
    const argv = (await readFile(path.join(procDir, String(pid), 'cmdline'), 'utf8'))
      .split('\0')
      .filter(Boolean);
    if (argv.length === 0) throw new Error('no cmdline');
    const program = path.basename(argv[0]).split(': ')[0]!;
    if (!INTERPRETERS.test(program)) return program;
    const script = argv.slice(1).find((arg) => !arg.startsWith('-') && /[./]/.test(arg));
    return script ? `${program} ${path.basename(script)}` : program;
  } catch {
    try {
      return (await readFile(path.join(procDir, String(pid), 'comm'), 'utf8')).trim();
    } catch {
      return String(pid);
    }
  }
}
