import type { Command } from 'commander';
import { CliError } from '../errors.ts';

// Placeholder: this subcommand is being built (see the open issues).
export function registerLocalstack(parent: Command): void {
  parent
    .command('localstack')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('"localstack" is not built yet', 2);
    });
}
