import type { Command } from 'commander';
import { CliError } from '../errors.ts';

// Placeholder: this subcommand is being built (see the open issues).
export function registerStats(parent: Command): void {
  parent
    .command('stats')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('"stats" is not built yet', 2);
    });
}
