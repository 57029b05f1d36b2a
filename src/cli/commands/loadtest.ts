import type { Command } from 'commander';
import { CliError } from '../errors.ts';

// Placeholder: this subcommand is being built (see the open issues).
export function registerLoadtest(parent: Command): void {
  parent
    .command('loadtest')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('"loadtest" is not built yet', 2);
    });
}
