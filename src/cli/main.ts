/**
 * `novamart`: the one command-line entry. Each subcommand lives in its own file under commands/
 * and registers itself here.
 */
import { Command } from 'commander';
import { registerCompare } from './commands/compare.ts';
import { registerDemo } from './commands/demo.ts';
import { registerLoadtest } from './commands/loadtest.ts';
import { registerLocalDeploy } from './commands/local-deploy.ts';
import { registerLocalStart } from './commands/local-start.ts';
import { registerLocalStatus } from './commands/local-status.ts';
import { registerLocalstack } from './commands/localstack.ts';
import { registerReport } from './commands/report.ts';
import { registerSlowlog } from './commands/slowlog.ts';
import { registerStats } from './commands/stats.ts';
import { registerWorker } from './commands/worker.ts';
import { CliError } from './errors.ts';

const program = new Command('novamart')
  .description(
    'Deploy, load and inspect NovaMart serverless on AWS, LocalStack or the local cloud.',
  )
  .showHelpAfterError();

const local = program
  .command('local')
  .description('The Docker-free local cloud (DynamoDB, SQS, EventBridge, Lambda).');
registerLocalStart(local);
registerLocalStatus(local);
registerLocalDeploy(local);
registerLocalstack(program);
registerWorker(program);
registerLoadtest(program);
registerCompare(program);
registerDemo(program);
registerStats(program);
registerReport(program);
registerSlowlog(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CliError) {
    process.stderr.write(`novamart: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  // Anything else is unexpected: one readable line, the stack only when asked for.
  const failure = err instanceof Error ? err : new Error(String(err));
  if (process.env.NOVAMART_LOG_LEVEL === 'debug') process.stderr.write(`${failure.stack}\n`);
  else {
    process.stderr.write(
      `novamart: ${failure.name}: ${failure.message}\n` +
        '(run again with NOVAMART_LOG_LEVEL=debug for the stack trace)\n',
    );
  }
  process.exit(1);
}
