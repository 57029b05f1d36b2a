import type { Command } from 'commander';
import { startLocalCloud } from '../../../local/server.ts';
import { createLogger } from '../../shared/logger.ts';
import { parsePort } from '../options.ts';

export function registerLocalStart(local: Command): void {
  local
    .command('start')
    .description('Run the local cloud in the foreground until Ctrl-C.')
    .option('--port <port>', 'port to listen on', parsePort, 4566)
    .option('--host <host>', 'address to listen on (loopback by default)', '127.0.0.1')
    .action(async (opts: { port: number; host: string }) => {
      const logger = createLogger('local-cloud');
      const cloud = await startLocalCloud({ port: opts.port, host: opts.host, logger });
      process.stdout.write(`novamart local cloud ready on ${cloud.endpoint} (DynamoDB, SQS, EventBridge, Lambda)\n`);

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
