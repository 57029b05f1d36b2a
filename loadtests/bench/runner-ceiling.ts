/**
 * The runner's own ceiling: how close it holds each offered rate, and at what p99, against an
 * HTTP endpoint that answers at once. The endpoint runs in its own process, as a system under
 * test would, so both share the machine's cores.
 *
 * The first rate runs 2 s unmeasured first (connections, JIT).
 *
 *   npx tsx loadtests/bench/runner-ceiling.ts [--rps 500,1000,2000,4000] [--duration 5s]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { parseDurationMs } from '../../src/cli/options.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { parseRateList } from '../cli-options.ts';
import { createHttpClient } from '../runner/http-client.ts';
import { formatStepLine } from '../runner/progress.ts';
import { runScenario } from '../runner/run-scenario.ts';

const NO_OP_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => { req.resume(); res.end('ok'); });
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

const { values } = parseArgs({
  options: {
    rps: { type: 'string', default: '500,1000,2000,4000' },
    duration: { type: 'string', default: '5s' },
  },
});
const rates = parseRateList(values.rps);
const durationMs = parseDurationMs(values.duration);

const server = spawn(process.execPath, ['-e', NO_OP_SERVER], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [portLine] = (await once(server.stdout, 'data')) as [Buffer];
const url = `http://127.0.0.1:${portLine.toString().trim()}`;
const client = createHttpClient(url, 256);

try {
  const run = await runScenario({
    scenario: 'runner-ceiling',
    instance: {
      request: (_i, signal) => client.get('/', signal),
      describe: () => ({ url }),
      teardown: async () => {},
    },
    steps: rates.map((rateRps) => ({ rateRps, durationMs })),
    thresholds: { errorRateLimit: 0.01 },
    target: 'local',
    maxInFlight: 1000,
    whenFull: 'drop',
    requestTimeoutMs: 10_000,
    warmupMs: 2_000,
    logger: silentLogger,
  });
  process.stdout.write(
    `runner ceiling against a no-op HTTP endpoint (${run.machine.cpuCount} x ${run.machine.cpuModel}, Node ${run.machine.nodeVersion})\n`,
  );
  for (const step of run.steps) {
    process.stdout.write(
      `${formatStepLine(step)}\n      achieved/offered ${((100 * step.achievedRps) / step.offeredRps).toFixed(1)}%, ` +
        `schedule lag p99 ${step.scheduleLagMs.p99} ms max ${step.scheduleLagMs.max} ms, peak in flight ${step.maxInFlightSeen}\n`,
    );
  }
} finally {
  await client.close();
  server.kill();
}
