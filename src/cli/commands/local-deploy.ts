import type { Command } from 'commander';
import { CliError } from '../errors.ts';

// Placeholder: this subcommand is being built (see the open issues).
export function registerLocalDeploy(parent: Command): void {
  parent
    .command('local-deploy')
    .description('(not built yet)')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('"local-deploy" is not built yet', 2);
    });
}
