/**
 * The command a container image runs, read from its Dockerfile's exec-form ENTRYPOINT and CMD.
 * The embedded target runs that same command as a local process from the repository root, so
 * the Dockerfile stays the one place that says how a service starts.
 */
import { readFileSync } from 'node:fs';

function execForm(line: string, instruction: string): string[] | undefined {
  const rest = line.slice(instruction.length).trim();
  if (!rest.startsWith('[')) {
    throw new Error(
      `${instruction} must use the exec form (["node", ...]) so it can run without a shell: ${line}`,
    );
  }
  return JSON.parse(rest) as string[];
}

export function dockerfileCommand(dockerfilePath: string): string[] {
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  const lines = readFileSync(dockerfilePath, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim());
  for (const line of lines) {
    const upper = line.toUpperCase();
    if (upper.startsWith('ENTRYPOINT ')) entrypoint = execForm(line, 'ENTRYPOINT') ?? [];
    else if (upper.startsWith('CMD ')) cmd = execForm(line, 'CMD') ?? [];
  }
  const command = [...entrypoint, ...cmd];
  if (!command.length) throw new Error(`${dockerfilePath} has neither ENTRYPOINT nor CMD`);
  return command;
}
