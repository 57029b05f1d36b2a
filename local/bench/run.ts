/**
 * The local cloud's benchmark: the same workloads, through the real AWS SDK v3 clients, against
 * `novamart local start` and against moto's `moto_server`, each in its own child process on
 * 127.0.0.1, one server at a time. Prints a Markdown table of medians over the runs and the ratio.
 *
 *   node --import tsx local/bench/run.ts [--duration 5s] [--runs 3] [--only sqs,transact]
 *
 * Not a test: it asserts nothing. With the defaults one run takes about 100 s, three about 5 min.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { parseDurationMs, parsePositiveInt } from '../../src/cli/options.ts';
import { createClients } from './clients.ts';
import { type MachineFloor, measureMachineFloor } from './machine-floor.ts';
import { processCpuClock } from './process-cpu.ts';
import { median, ResultBook, renderTable } from './report.ts';
import { type BenchServer, startLocalCloudProcess, startMotoServer } from './servers.ts';
import { eventsDelivery } from './workloads/events-delivery.ts';
import { lambdaInvoke } from './workloads/lambda-invoke.ts';
import { sqsRoundTrips } from './workloads/sqs-round-trips.ts';
import { transactWrite } from './workloads/transact-write.ts';
import type { BenchSettings, Measurement, Workload } from './workloads/types.ts';

const WORKLOADS: Workload[] = [sqsRoundTrips, eventsDelivery, lambdaInvoke, transactWrite];
const SERVERS = ['local', 'moto'] as const;

interface BenchOptions {
  duration: number;
  warmup: number;
  runs: number;
  concurrency: number;
  only: string[];
  servers: string[];
  cpuProf?: string;
  json?: string;
}

function parseList(allowed: readonly string[]) {
  return (value: string): string[] => {
    const names = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !allowed.includes(n));
    if (unknown.length > 0 || names.length === 0) {
      throw new InvalidArgumentError(
        `expected a comma-separated list of ${allowed.join(', ')}, got "${value}"`,
      );
    }
    return names;
  };
}

function parseOptions(argv: string[]): BenchOptions {
  return new Command('bench:local')
    .description('Benchmark the local cloud against moto_server with the same workloads.')
    .option(
      '--duration <time>',
      'measured time of each workload variant (e.g. 5s)',
      parseDurationMs,
      5_000,
    )
    .option('--warmup <time>', 'uncounted time before each measurement', parseDurationMs, 1_000)
    .option(
      '--runs <n>',
      'repeat everything this many times and report medians',
      parsePositiveInt,
      3,
    )
    .option('--concurrency <n>', 'workers of the concurrent variants', parsePositiveInt, 16)
    .option(
      '--only <names>',
      `workloads to run (${WORKLOADS.map((w) => w.name).join(',')})`,
      parseList(WORKLOADS.map((w) => w.name)),
      WORKLOADS.map((w) => w.name),
    )
    .option('--servers <names>', 'servers to measure (local,moto)', parseList(SERVERS), [
      ...SERVERS,
    ])
    .option(
      '--cpu-prof <dir>',
      'write a V8 CPU profile of the local cloud process into this folder',
    )
    .option('--json <file>', "also write every run's raw figures to this file")
    .parse(argv)
    .opts<BenchOptions>();
}

function formatFloor(floors: MachineFloor[], concurrency: number): string {
  const sequential = median(floors.map((f) => f.sequentialPerSecond)) ?? 0;
  const concurrent = median(floors.map((f) => f.concurrentPerSecond)) ?? 0;
  return `${Math.round(sequential)} requests/s sequential, ${Math.round(concurrent)} requests/s ${concurrency}-way`;
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function runWorkload(
  workload: Workload,
  server: BenchServer,
  settings: BenchSettings,
): Promise<Measurement[]> {
  const clients = createClients(server.endpoint);
  try {
    return await workload.run({ name: server.name, endpoint: server.endpoint, clients }, settings);
  } catch (err) {
    // A server that cannot serve a workload at all gets n/a with its error, and the benchmark goes on.
    const note =
      `failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`.slice(0, 200);
    return [{ metric: '(whole workload)', unit: 'ops/s', better: 'higher', value: null, note }];
  } finally {
    clients.destroy();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv);
  const leftovers: string[] = [];
  const servers: BenchServer[] = [];
  const stopAll = async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    progress(`${signal}: stopping the servers`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const book = new ResultBook();
  const raw: unknown[] = [];
  const floors: MachineFloor[] = [];
  const startedAt = new Date();
  const load = loadavg();
  try {
    if (options.cpuProf) mkdirSync(options.cpuProf, { recursive: true });
    for (const name of options.servers) {
      const onLeftover = (msg: string) => leftovers.push(msg);
      servers.push(
        name === 'local'
          ? await startLocalCloudProcess({ cpuProfileDir: options.cpuProf }, onLeftover)
          : await startMotoServer(onLeftover),
      );
      progress(`${name} listening on ${servers.at(-1)?.endpoint} (pid ${servers.at(-1)?.pid})`);
    }
    const workloads = WORKLOADS.filter((w) => options.only.includes(w.name));
    for (let run = 1; run <= options.runs; run++) {
      progress(`run ${run}/${options.runs} · machine floor`);
      floors.push(
        await measureMachineFloor({
          durationMs: options.duration,
          warmupMs: options.warmup,
          concurrency: options.concurrency,
        }),
      );
      for (const workload of workloads) {
        for (const server of servers) {
          progress(`run ${run}/${options.runs} · ${workload.name} · ${server.name}`);
          const settings: BenchSettings = {
            durationMs: options.duration,
            warmupMs: options.warmup,
            concurrency: options.concurrency,
            runId: `${run}-${Date.now().toString(36)}`,
            serverCpuMs: processCpuClock(server.pid),
          };
          for (const measurement of await runWorkload(workload, server, settings)) {
            book.add(workload.title, server.name, measurement);
            raw.push({ run, workload: workload.name, server: server.name, ...measurement });
          }
        }
      }
    }
  } finally {
    await stopAll();
  }

  const cpu = cpus();
  process.stdout.write(
    [
      `${startedAt.toISOString()} · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'} · load average at start ${load.map((l) => l.toFixed(2)).join(' ')}`,
      `${options.runs} runs · ${options.duration / 1000} s measured + ${options.warmup / 1000} s warm-up per variant · ${options.concurrency}-way concurrent variants`,
      `machine floor (bare node:http echo server, same client settings, median): ${formatFloor(floors, options.concurrency)}`,
      '',
      renderTable(book, options.servers, options.runs),
      '',
    ].join('\n'),
  );
  if (leftovers.length > 0) process.stdout.write(`Left-over processes: ${leftovers.join('; ')}\n`);
  if (options.json)
    writeFileSync(
      options.json,
      `${JSON.stringify({ startedAt, options, machineFloor: floors, results: raw }, null, 2)}\n`,
    );
}

await main();
