import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { DEFAULT_ENDPOINT } from '../options.ts';

export function registerLocalStatus(local: Command): void {
  local
    .command('status')
    .description('Show which services of a running local cloud answer.')
    .option('--endpoint <url>', 'where the local cloud listens', DEFAULT_ENDPOINT)
    .action(async (opts: { endpoint: string }) => {
      let body: { services?: Record<string, string> };
      try {
        const res = await fetch(new URL('/_localstack/health', opts.endpoint));
        body = (await res.json()) as typeof body;
      } catch {
        throw new CliError(
          `nothing answers at ${opts.endpoint}; start it with "novamart local start"`,
          1,
        );
      }
      for (const [service, state] of Object.entries(body.services ?? {})) {
        process.stdout.write(`${service.padEnd(10)} ${state}\n`);
      }
    });
}
