import type { Command } from 'commander';
import { createLogger } from '../../shared/logger.ts';
import { parsePort } from '../options.ts';

export function registerLocalStart(local: Command): void {
  local
    .command('start')
    .description('Run the local cloud in the foreground until Ctrl-C.')
    .option('--port <port>', 'port to listen on', parsePort, 4566)
    .option('--host <host>', 'address to listen on (loopback by default)', '127.0.0.1')
    .option(
      '--state-dir <dir>',
      'service logs and PostgreSQL data (default $NOVAMART_STATE_DIR or .novamart/)',
    )
    .action(async (opts: { port: number; host: string; stateDir?: string }) => {
      const logger = createLogger('local-cloud');
      // Loaded here, not at the top: every other novamart command starts faster without it.
      const { startLocalCloud } = await import('../../../local/server.ts');
      const cloud = await startLocalCloud({
        port: opts.port,
        host: opts.host,
        logger,
        stateDir: opts.stateDir,
      });
      process.stdout.write(
        `novamart local cloud ready on ${cloud.endpoint} (DynamoDB, SQS, EventBridge, Lambda)\n`,
      );

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping local cloud');
        await cloud.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });
}
