/**
 * Runs planned commands one after another from the repository root, printing each before it
 * runs; output goes straight to the terminal. The first failing step stops the plan.
 */
import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from './compose.ts';
import { LocalstackError } from './errors.ts';
import { formatCommand, type PlannedCommand } from './plans.ts';

export interface RunPlanOptions {
  /** Where the `$ command` lines go. */
  print: (line: string) => void;
  /** Print only. */
  dryRun?: boolean;
  cwd?: string;
}

export async function runPlan(plan: PlannedCommand[], options: RunPlanOptions): Promise<void> {
  for (const [index, command] of plan.entries()) {
    options.print(`# ${index + 1}/${plan.length} ${command.why}`);
    options.print(`$ ${formatCommand(command)}`);
    if (options.dryRun) continue;
    const code = await runOne(command, options.cwd ?? PROJECT_ROOT);
    if (code !== 0) {
      throw new LocalstackError(
        'CommandFailed',
        `step ${index + 1}/${plan.length} failed with exit code ${code}: ${formatCommand(command)} ` +
          '(its output is above; fix that and run the same command again: every step can be repeated)',
      );
    }
  }
}

function runOne(command: PlannedCommand, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.program, command.args, {
      cwd,
      env: { ...process.env, ...command.env },
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
