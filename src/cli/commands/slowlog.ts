import type { Command } from 'commander';
import { CliError } from '../errors.ts';

// Placeholder: this subcommand is being built (see the open issues).
export function registerSlowlog(parent: Command): void {
  parent
    .command('slowlog')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('"slowlog" is not built yet', 2);
    });
}
