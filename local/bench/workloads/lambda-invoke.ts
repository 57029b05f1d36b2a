/**
 * Warm Lambda Invoke overhead: a no-op Node handler, invoked synchronously one call at a time
 * after a cold start and a warm-up, so the latency is what the server adds around a handler that
 * does nothing.
 */
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { describeErrors, errorName, percentileMs, runForDuration } from '../measure.ts';
import { ensureMotoLambdaRole } from '../moto-role.ts';
import { cpuMeasurements } from './cpu-measurement.ts';
import type { BenchTarget, Measurement, Workload } from './types.ts';

const HANDLER_SOURCE = 'exports.handler = async () => null;\n';
/** A cold start spawns a process (or, in moto, a container); allow it time once. */
const COLD_INVOKE_TIMEOUT_MS = 60_000;
const ACTIVE_TIMEOUT_MS = 30_000;

function unavailable(note: string): Measurement[] {
  return [
    { metric: 'warm Invoke p50', unit: 'ms', better: 'lower', value: null, note },
    { metric: 'warm Invoke p99', unit: 'ms', better: 'lower', value: null },
  ];
}

async function invoke(
  lambda: LambdaClient,
  functionName: string,
  timeoutMs?: number,
): Promise<void> {
  const answer = await lambda.send(
    new InvokeCommand({ FunctionName: functionName, Payload: strToU8('{}') }),
    timeoutMs ? { abortSignal: AbortSignal.timeout(timeoutMs) } : undefined,
  );
  if (answer.FunctionError) {
    const payload = new TextDecoder().decode(answer.Payload ?? new Uint8Array());
    throw new Error(`the no-op handler failed (${answer.FunctionError}): ${payload}`);
  }
}

async function waitUntilActive(lambda: LambdaClient, functionName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const { Configuration } = await lambda.send(
      new GetFunctionCommand({ FunctionName: functionName }),
    );
    if (!Configuration?.State || Configuration.State === 'Active') return;
    if (Configuration.State === 'Failed')
      throw new Error(`function failed to create: ${Configuration.StateReason}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`function not Active within ${ACTIVE_TIMEOUT_MS} ms`);
}

/** Why moto cannot serve this workload here, with the error it gave, to say so in the table. */
function explainFailure(target: BenchTarget, err: unknown): string {
  const detail = `${errorName(err)}: ${err instanceof Error ? err.message : String(err)}`.slice(
    0,
    240,
  );
  return target.name === 'moto'
    ? `moto runs Lambda functions in Docker containers and this machine has no Docker (${detail})`
    : `the cold invoke failed (${detail})`;
}

export const lambdaInvoke: Workload = {
  name: 'lambda',
  title: 'Lambda Invoke (RequestResponse) of a no-op Node handler',
  async run(target, settings) {
    const { lambda } = target.clients;
    const functionName = `bench-noop-${settings.runId}`;
    const role =
      target.name === 'moto'
        ? await ensureMotoLambdaRole(target.endpoint, functionName)
        : 'arn:aws:iam::000000000000:role/bench-lambda';
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: functionName,
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: role,
        Code: { ZipFile: zipSync({ 'index.js': strToU8(HANDLER_SOURCE) }) },
        Timeout: 10,
      }),
    );
    try {
      await waitUntilActive(lambda, functionName);
      try {
        await invoke(lambda, functionName, COLD_INVOKE_TIMEOUT_MS);
      } catch (err) {
        return unavailable(explainFailure(target, err));
      }
      const result = await runForDuration({ ...settings, concurrency: 1 }, () =>
        invoke(lambda, functionName),
      );
      const note = [`${result.completed} invokes`, describeErrors(result.errors)]
        .filter(Boolean)
        .join('; ');
      return [
        {
          metric: 'warm Invoke p50',
          unit: 'ms',
          better: 'lower',
          value: percentileMs(result.latencyMicros, 50),
          note,
        },
        {
          metric: 'warm Invoke p99',
          unit: 'ms',
          better: 'lower',
          value: percentileMs(result.latencyMicros, 99),
        },
        ...cpuMeasurements(
          'invoke',
          result,
          "the server's own process only, not the function's worker process",
        ),
      ];
    } finally {
      await lambda
        .send(new DeleteFunctionCommand({ FunctionName: functionName }))
        .catch(() => undefined);
    }
  },
};
