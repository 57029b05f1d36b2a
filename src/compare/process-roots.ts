/**
 * The process trees to sample on the embedded target, from the local cloud's own
 * `GET /_novamart/processes`: each service replica, worker and PostgreSQL server under its role,
 * then the local cloud itself (which also holds the Lambda runtimes). Roles come first because
 * the sampler names a process after the first root it is found under.
 */
import type { RootProcess } from '../../loadtests/metrics/process-tree.ts';

export interface ProcessesAnswer {
  root: { pid: number; role?: string };
  processes: { pid: number; role: string }[];
}

export function rootsFromProcesses(answer: ProcessesAnswer, rootLabel?: string): RootProcess[] {
  return [
    ...answer.processes.map((p) => ({ pid: p.pid, label: p.role })),
    { pid: answer.root.pid, label: rootLabel ?? answer.root.role ?? 'local-cloud' },
  ];
}

export async function fetchProcessRoots(endpoint: string): Promise<RootProcess[]> {
  const response = await fetch(new URL('/_novamart/processes', endpoint));
  if (!response.ok) {
    throw new Error(
      `GET ${endpoint}/_novamart/processes answered ${response.status}: is ${endpoint} the NovaMart local cloud?`,
    );
  }
  return rootsFromProcesses((await response.json()) as ProcessesAnswer);
}
