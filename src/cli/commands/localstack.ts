/**
 * `novamart localstack <up|deploy|flip|down|status>`: the LocalStack target. Each subcommand
 * prints the commands it runs (docker compose, cdklocal) and runs them from the repository root;
 * `--dry-run` prints only. See docs/localstack.md.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { INVENTORY_MODES, type InventoryMode } from '../../../lib/app-settings.ts';
import { detectDeployedMode } from '../../localstack/deployed-mode.ts';
import { localstackEndpoints } from '../../localstack/endpoints.ts';
import { LocalstackError } from '../../localstack/errors.ts';
import {
  bootstrap as bootstrapStep,
  deploy,
  flipPlan,
  type PlannedCommand,
  type PlanOptions,
  showContainers,
  stopAll,
  upPlan,
} from '../../localstack/plans.ts';
import { requireDockerCompose } from '../../localstack/require-docker.ts';
import { runPlan } from '../../localstack/run-plan.ts';
import { CliError } from '../errors.ts';

interface CommonFlags {
  dryRun?: boolean;
}

function parseMode(value: string): InventoryMode {
  if ((INVENTORY_MODES as readonly string[]).includes(value)) return value as InventoryMode;
  throw new InvalidArgumentError(`expected ${INVENTORY_MODES.join(' or ')}, got "${value}"`);
}

function planOptions(): PlanOptions {
  return { dockerBin: process.env.NOVAMART_DOCKER || 'docker', endpoints: localstackEndpoints() };
}

const print = (line: string) => process.stdout.write(`${line}\n`);

/** Checks for Docker (unless printing only), runs the plan, and turns failures into CLI errors. */
async function execute(
  plan: PlannedCommand[],
  options: PlanOptions,
  flags: CommonFlags,
): Promise<void> {
  try {
    if (!flags.dryRun) requireDockerCompose(options.dockerBin);
    await runPlan(plan, { print, dryRun: flags.dryRun });
  } catch (err) {
    if (err instanceof LocalstackError) throw new CliError(err.message, 1);
    throw err;
  }
}

export function registerLocalstack(parent: Command): void {
  const localstack = parent
    .command('localstack')
    .description(
      'The LocalStack target: compose stack, cdklocal deploy, mode flip (needs Docker).',
    );

  localstack
    .command('up')
    .description(
      'Start LocalStack and PostgreSQL, bootstrap, deploy in a mode, start the services.',
    )
    .option(
      '--mode <mode>',
      'inventory mode: lambda or worker',
      parseMode,
      'lambda' as InventoryMode,
    )
    .option('--no-bootstrap', 'skip `cdklocal bootstrap` (already done for this LocalStack)')
    .option('--dry-run', 'print the commands without running them')
    .action(async (flags: CommonFlags & { mode: InventoryMode; bootstrap: boolean }) => {
      const options = planOptions();
      await execute(upPlan(options, flags.mode, flags.bootstrap), options, flags);
    });

  localstack
    .command('deploy')
    .description('`cdklocal bootstrap` and `cdklocal deploy` with target=localstack in a mode.')
    .option(
      '--mode <mode>',
      'inventory mode: lambda or worker',
      parseMode,
      'lambda' as InventoryMode,
    )
    .option('--no-bootstrap', 'skip `cdklocal bootstrap`')
    .option('--dry-run', 'print the commands without running them')
    .action(async (flags: CommonFlags & { mode: InventoryMode; bootstrap: boolean }) => {
      const options = planOptions();
      const plan = [
        ...(flags.bootstrap ? [bootstrapStep(options)] : []),
        deploy(options, flags.mode),
      ];
      await execute(plan, options, flags);
    });

  localstack
    .command('flip')
    .description('Redeploy with the other inventory mode and start or stop the worker.')
    .option('--to <mode>', 'mode to flip to (default: the one not deployed now)', parseMode)
    .option('--dry-run', 'print the commands without running them')
    .action(async (flags: CommonFlags & { to?: InventoryMode }) => {
      const options = planOptions();
      const to = flags.to ?? (await otherMode(options));
      print(`# flipping inventory to ${to} mode`);
      await execute(flipPlan(options, to), options, flags);
    });

  localstack
    .command('down')
    .description('Stop and remove the compose stack (worker included).')
    .option('--volumes', 'also delete the PostgreSQL data')
    .option('--dry-run', 'print the commands without running them')
    .action(async (flags: CommonFlags & { volumes?: boolean }) => {
      const options = planOptions();
      await execute([stopAll(options, flags.volumes === true)], options, flags);
    });

  localstack
    .command('status')
    .description('Containers, LocalStack health and the deployed inventory mode.')
    .action(async () => {
      const options = planOptions();
      await execute([showContainers(options)], options, {});
      print(
        `LocalStack ${options.endpoints.aws}: ${await localstackHealth(options.endpoints.aws)}`,
      );
      const mode = await detectDeployedMode(options.endpoints).catch(
        (err: Error) => `unknown (${err.message})`,
      );
      print(`inventory mode deployed: ${mode}`);
    });
}

async function otherMode(options: PlanOptions): Promise<InventoryMode> {
  const current = await detectDeployedMode(options.endpoints).catch((err: Error) => {
    throw new CliError(
      `could not read the deployed mode from LocalStack at ${options.endpoints.aws} (${err.message}); ` +
        'is it up (novamart localstack up)? Or say the mode: novamart localstack flip --to worker',
      1,
    );
  });
  if (current === 'none') {
    throw new CliError(
      `nothing is deployed in LocalStack at ${options.endpoints.aws}: run novamart localstack up --mode lambda first`,
      1,
    );
  }
  return current === 'lambda' ? 'worker' : 'lambda';
}

async function localstackHealth(endpoint: string): Promise<string> {
  try {
    const response = await fetch(new URL('/_localstack/health', endpoint), {
      signal: AbortSignal.timeout(3000),
    });
    return response.ok ? 'up' : `answered ${response.status}`;
  } catch (err) {
    return `not reachable (${(err as Error).message})`;
  }
}
