import type { Command } from 'commander';
import { CliError } from '../errors.ts';

// Placeholder: this subcommand is being built (see the open issues).
export function registerWorker(parent: Command): void {
  parent
    .command('worker')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('"worker" is not built yet', 2);
    });
}
