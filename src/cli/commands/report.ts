import type { Command } from 'commander';
import { CliError } from '../errors.ts';

// Placeholder: this subcommand is being built (see the open issues).
export function registerReport(parent: Command): void {
  parent
    .command('report')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('"report" is not built yet', 2);
    });
}
