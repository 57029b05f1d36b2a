/**
 * `novamart demo` (`npm run demo`): the main job in one command, on a machine with nothing running.
 * Exit code: 0 when everything ran (missed thresholds are in the report), 1 when something broke,
 * 130 / 143 when stopped by SIGINT / SIGTERM (the report of what ran is written first).
 */
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { pino } from 'pino';
import { defaultStateDir } from '../../shared/state-dir.ts';
import { CliError } from '../errors.ts';
import { parsePort } from '../options.ts';

interface DemoFlags {
  quick?: boolean;
  full?: boolean;
  out?: string;
  stateDir?: string;
  port?: number;
  catalogPort?: number;
  ordersPort?: number;
  keepData?: boolean;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

export function registerDemo(parent: Command): void {
  parent
    .command('demo')
    .description(
      'Start the local cloud, deploy, load both inventory modes, report, show slow queries, stop',
    )
    .option('--quick', 'CI length: 2 s steps at 100 and 200 rps (both modes, report, slow log)')
    .option('--full', "the seed's 60 s steps (the default holds each for 15 s)")
    .option('--out <dir>', 'report directory (default reports/demo-<timestamp>)')
    .option(
      '--state-dir <dir>',
      'state of this demo: PostgreSQL data, logs (default .novamart/demo-<timestamp>)',
    )
    .option(
      '--port <port>',
      'local cloud port (default 4566 if free, else any free port)',
      parsePort,
    )
    .option('--catalog-port <port>', 'catalog port (default 8080 if free, else any)', parsePort)
    .option('--orders-port <port>', 'orders port (default 8081 if free, else any)', parsePort)
    .option('--keep-data', 'keep the PostgreSQL data directories (removed at the end otherwise)')
    .action(async (flags: DemoFlags) => {
      if (flags.quick && flags.full) throw new CliError('choose one of --quick and --full', 2);
      const started = Date.now();
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const stateDir = path.resolve(
        flags.stateDir ?? path.join(defaultStateDir(), `demo-${stamp}`),
      );
      const outDir = path.resolve(flags.out ?? path.join('reports', `demo-${stamp}`));
      mkdirSync(stateDir, { recursive: true });
      // PostgreSQL runs as the `postgres` user when we are root: it must reach its data dir.
      chmodSync(stateDir, 0o755);

      const logger = pino(
        { name: 'demo', level: process.env.NOVAMART_LOG_LEVEL ?? 'warn', base: undefined },
        pino.destination(2),
      );
      const { commandLineOf, descendantPids, killPids, postgresPidsUnder } = await import(
        '../../demo/processes.ts'
      );
      // tsx's esbuild transform service is this process's own helper: it ends when we exit.
      const isTsxTransformService = (pid: number) =>
        /\/esbuild --service=\S+ --ping$/.test(commandLineOf(pid));
      const leftovers = () => [
        ...new Set([
          ...descendantPids(process.pid).filter((pid) => !isTsxTransformService(pid)),
          ...postgresPidsUnder(stateDir),
        ]),
      ];

      const stop = new AbortController();
      let stopSignalName: NodeJS.Signals | undefined;
      const onSignal = (signal: NodeJS.Signals) => {
        if (stopSignalName) {
          // Second signal: no more waiting.
          killPids(leftovers());
          process.exit(signal === 'SIGTERM' ? 143 : 130);
        }
        stopSignalName = signal;
        process.stderr.write(
          `\n${signal}: stopping; the report of what ran is written first (${signal} again to quit now)\n`,
        );
        stop.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);

      const { demoPlan } = await import('../../demo/demo-plan.ts');
      const { preferredPort } = await import('../../demo/ports.ts');
      const { runDemo } = await import('../../demo/run-demo.ts');
      const { slowStatementsText } = await import('../../demo/slow-statements.ts');
      const plan = demoPlan(flags.quick ? 'quick' : flags.full ? 'full' : 'default');
      print(
        `NovaMart demo (${plan.length}): inventory-e2e at ${plan.inventoryRates.join(', ')} rps, ` +
          `${plan.inventoryStepMs / 1000} s per step after ${plan.inventoryWarmupMs / 1000} s of warm-up, lambda mode then worker mode`,
      );

      let exitCode = 0;
      try {
        const result = await runDemo({
          plan,
          stateDir,
          outDir,
          ports: {
            cloud: flags.port ?? (await preferredPort(4566)),
            catalog: flags.catalogPort ?? (await preferredPort(8080)),
            orders: flags.ordersPort ?? (await preferredPort(8081)),
          },
          logger,
          print,
          progressStream: process.stdout,
          stopSignal: stop.signal,
        });
        if (result.runs.length > 0)
          print(`\nLambda mode against worker mode (inventory-e2e):\n\n${result.comparison}`);
        print(
          `\nSlowest statements (PostgreSQL log, >= 200 ms):\n${slowStatementsText(result.slowStatements, 200)}`,
        );
        if (result.error) {
          process.stderr.write(`novamart: ${result.error.message}\n`);
          exitCode = 1;
        }
        if (result.slowlogError) {
          process.stderr.write(
            `novamart: could not read the slow-statement log: ${result.slowlogError}\n`,
          );
          exitCode = 1;
        }
        if (stopSignalName) exitCode = stopSignalName === 'SIGTERM' ? 143 : 130;
        print(
          `\ndemo ${stopSignalName ? 'stopped' : 'finished'} in ${((Date.now() - started) / 1000).toFixed(0)} s; state in ${stateDir}`,
        );
        print(
          `slow statements again: npx novamart slowlog --log-dir ${path.join(stateDir, 'postgres')}`,
        );
        if (result.report) {
          print(`report: ${result.report.htmlFile}`);
          print(`summary: ${result.report.markdownFile}`);
        } else {
          print('report: none (nothing was measured)');
        }
      } catch (err) {
        process.stderr.write(`novamart: the demo broke: ${(err as Error).stack ?? String(err)}\n`);
        exitCode = 1;
      } finally {
        // The cloud stopped what it ran; anything still alive here (a replica a stop cut short)
        // goes now, synchronously, before the exit.
        const left = leftovers().map((pid) => ({ pid, command: commandLineOf(pid) }));
        const killed = new Set(killPids(left.map((p) => p.pid)));
        const strays = left.filter((p) => killed.has(p.pid));
        if (strays.length > 0) logger.warn({ processes: strays }, 'killed processes left behind');
        if (!flags.keepData && postgresPidsUnder(stateDir).length === 0) {
          const { removeDatabaseData } = await import('../../demo/database-data.ts');
          removeDatabaseData(stateDir);
        }
      }
      process.exit(exitCode);
    });
}
