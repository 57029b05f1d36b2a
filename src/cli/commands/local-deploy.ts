import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { TUNING_CONTEXT_KEYS } from '../../../lib/app-settings.ts';
import { collectKeyValue } from '../../../loadtests/cli-options.ts';
import { createLogger } from '../../shared/logger.ts';
import { CliError } from '../errors.ts';
import { DEFAULT_ENDPOINT, parsePositiveInt } from '../options.ts';

/** `catalog=3,orders=2` (or repeated options) into a map of whole numbers within a range. */
function namedNumbers(min: number, max: number, example: string) {
  return (value: string, previous: Record<string, number> = {}): Record<string, number> => {
    const parsed = { ...previous };
    for (const part of value.split(',')) {
      const [name, raw] = part.split('=');
      const n = Number(raw);
      if (!name || !Number.isInteger(n) || n < min || n > max) {
        throw new InvalidArgumentError(
          `expected NAME=N with N from ${min} to ${max} (e.g. ${example}), got "${part}"`,
        );
      }
      parsed[name] = n;
    }
    return parsed;
  };
}

/** CDK context a deploy may set with -c. */
const CONTEXT_KEYS: readonly string[] = TUNING_CONTEXT_KEYS;

function contextEntry(
  value: string,
  previous: Record<string, string> = {},
): Record<string, string> {
  const key = value.slice(0, value.indexOf('='));
  if (key === 'inventoryMode') throw new InvalidArgumentError('use --mode lambda|worker');
  if (key && !CONTEXT_KEYS.includes(key)) {
    throw new InvalidArgumentError(
      `unknown context "${key}"; the app reads ${CONTEXT_KEYS.join(', ')} (see docs/inventory.md)`,
    );
  }
  return collectKeyValue(value, previous);
}

export function registerLocalDeploy(local: Command): void {
  local
    .command('deploy')
    .description('Synthesize the CDK app and deploy it into the running local cloud; seeds stock.')
    .addOption(
      new Option('--mode <mode>', 'how inventory reservation runs')
        .choices(['lambda', 'worker'])
        .default('lambda'),
    )
    .option('--endpoint <url>', 'the local cloud', DEFAULT_ENDPOINT)
    .option(
      '--scale <name=count>',
      'replicas per service, overriding the template (e.g. catalog=3)',
      namedNumbers(1, 16, 'catalog=3'),
      {},
    )
    .option(
      '--service-ports <name=port>',
      'balancer ports (default catalog=8080,orders=8081)',
      namedNumbers(0, 65535, 'catalog=18080'),
      {},
    )
    .option(
      '--state-dir <dir>',
      'deploy state and cdk.out (default $NOVAMART_STATE_DIR or .novamart/)',
    )
    .option(
      '--slow-query-ms <ms>',
      'PostgreSQL slow-statement threshold (CDK context slowQueryMs)',
      parsePositiveInt,
    )
    .option(
      '-c, --context <key=value>',
      `CDK context, repeatable: ${CONTEXT_KEYS.join(', ')} (e.g. -c workerPollers=8)`,
      contextEntry,
      {},
    )
    .option('--no-seed', 'do not seed stock for the catalogue SKUs')
    .option(
      '--inventory-only',
      'deploy the inventory path only: no catalog/order services, no PostgreSQL',
    )
    .action(
      async (opts: {
        mode: 'lambda' | 'worker';
        endpoint: string;
        scale: Record<string, number>;
        slowQueryMs?: number;
        context: Record<string, string>;
        seed: boolean;
        inventoryOnly?: boolean;
        servicePorts: Record<string, number>;
        stateDir?: string;
      }) => {
        try {
          await fetch(new URL('/_localstack/health', opts.endpoint));
        } catch {
          throw new CliError(
            `no local cloud answers at ${opts.endpoint}; start it first with "novamart local start"`,
            1,
          );
        }
        const logger = createLogger('deploy', process.env.NOVAMART_LOG_LEVEL ?? 'warn');
        // Loaded here: the CDK app behind it takes seconds to import, which other commands skip.
        const { deployEmbedded } = await import('../../deploy/deploy-embedded.ts');
        const { UnsupportedResourcesError } = await import('../../deploy/deployer.ts');
        const started = Date.now();
        process.stdout.write(
          `deploying NovaMart (inventory ${opts.mode} mode) to ${opts.endpoint}\n`,
        );
        try {
          const result = await deployEmbedded({
            endpoint: opts.endpoint,
            mode: opts.mode,
            logger,
            scale: opts.scale,
            seed: opts.seed,
            inventoryOnly: opts.inventoryOnly,
            servicePorts: opts.servicePorts,
            stateDir: opts.stateDir,
            context: {
              ...opts.context,
              ...(opts.slowQueryMs ? { slowQueryMs: opts.slowQueryMs } : {}),
            },
            onChange: (c) => {
              if (c.change !== 'unchanged')
                process.stdout.write(
                  `  ${c.change.padEnd(9)} ${c.type.padEnd(36)} ${c.logicalId}\n`,
                );
            },
          });
          const counts: Record<string, number> = {};
          for (const c of result.changes) counts[c.change] = (counts[c.change] ?? 0) + 1;
          process.stdout.write(
            `done in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
              Object.entries(counts)
                .map(([k, v]) => `${v} ${k}`)
                .join(', ') +
              '\n',
          );
          if (result.seeded)
            process.stdout.write(
              `stock: ${result.seeded.created} SKUs seeded, ${result.seeded.kept} kept as they were\n`,
            );
          for (const [name, url] of Object.entries(result.serviceUrls))
            process.stdout.write(`${name.padEnd(8)} ${url}\n`);
        } catch (err) {
          if (err instanceof UnsupportedResourcesError) throw new CliError(err.message, 1);
          throw err;
        }
      },
    );
}
