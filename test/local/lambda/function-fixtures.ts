/** Writes test functions to temp folders and packs them the way CreateFunction takes them. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';

export interface FunctionFolder {
  dir: string;
  /** The folder as a zip archive (bytes for `Code.ZipFile`). */
  zip(): Uint8Array;
  remove(): void;
}

export function writeFunctionFolder(files: Record<string, string>): FunctionFolder {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-test-fn-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return {
    dir,
    zip: () =>
      zipSync(
        Object.fromEntries(
          Object.entries(files).map(([name, text]) => [name, new TextEncoder().encode(text)]),
        ),
      ),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A handler module covering the behaviours the tests drive through the event. */
export const BEHAVIOUR_HANDLER = `
export const handler = async (event, context) => {
  if (event.log) console.log('logged:', event.log);
  if (event.fail) throw new TypeError(event.fail);
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  if (event.crash) process.exit(3);
  if (event.context) {
    return {
      awsRequestId: context.awsRequestId,
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      invokedFunctionArn: context.invokedFunctionArn,
      memoryLimitInMB: context.memoryLimitInMB,
      logGroupName: context.logGroupName,
      remainingMs: context.getRemainingTimeInMillis(),
      env: {
        GREETING: process.env.GREETING,
        AWS_REGION: process.env.AWS_REGION,
        AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
        AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL,
        AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
      },
    };
  }
  return { echo: event, pid: process.pid };
};
`;

/** Appends every event to `$RECORD_FILE` (one JSON line each), then fails when the event says so. */
export const RECORDING_HANDLER = `
const { appendFileSync } = require('node:fs');
exports.handler = async (event) => {
  appendFileSync(process.env.RECORD_FILE, JSON.stringify(event) + '\\n');
  if (event.fail) throw new Error('asked to fail');
  return 'recorded';
};
`;

/** The JSON lines a recording function wrote so far. */
export function readRecords(file: string): unknown[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  } catch {
    return [];
  }
}

/**
 * An SQS consumer: records each record (one JSON line), sleeps `SLEEP_MS`, and reports the
 * records whose body has `"fail": true` as batch item failures (or `MODE=throw`: throws instead,
 * `MODE=invalid`: answers a malformed batchItemFailures).
 */
export const SQS_CONSUMER_HANDLER = `
const { appendFileSync } = require('node:fs');
exports.handler = async (event) => {
  const startedMs = Date.now();
  await new Promise((resolve) => setTimeout(resolve, Number(process.env.SLEEP_MS ?? 0)));
  for (const record of event.Records) {
    appendFileSync(process.env.RECORD_FILE, JSON.stringify({ record, startedMs, endedMs: Date.now() }) + '\\n');
  }
  const failed = event.Records.filter((r) => JSON.parse(r.body).fail);
  if (process.env.MODE === 'throw' && failed.length > 0) throw new Error('batch failed');
  if (process.env.MODE === 'invalid' && failed.length > 0) return { batchItemFailures: [{ itemIdentifier: '' }] };
  return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) };
};
`;
