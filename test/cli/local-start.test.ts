/**
 * `novamart local start` as a user runs it: a real child process on a free port, stopped by a
 * signal. A Lambda function is invoked first so the cloud has a runtime process of its own to
 * clean up.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS } from '../helpers/cloud.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(REPO_ROOT, 'bin/novamart.mjs');
const READY_LINE = /^novamart local cloud ready on (http:\/\/\S+) /;
const STARTUP_TIMEOUT_MS = 45_000;
const run = promisify(execFile);

interface RunningCli {
  child: ChildProcess;
  endpoint: string;
  stdout(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: ChildProcess[] = [];
let functionDir: string;

beforeAll(() => {
  functionDir = mkdtempSync(join(tmpdir(), 'local-start-fn-'));
  writeFileSync(
    join(functionDir, 'index.mjs'),
    'export const handler = async () => ({ pid: process.pid });\n',
  );
});

afterAll(() => rmSync(functionDir, { recursive: true, force: true }));

afterEach(() => {
  // A failed assertion must not leave a cloud running.
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

async function startCli(): Promise<RunningCli> {
  const child = spawn(process.execPath, [CLI, 'local', 'start', '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ready line within ${STARTUP_TIMEOUT_MS} ms:\n${stdout}${stderr}`)),
      STARTUP_TIMEOUT_MS,
    );
    const look = () => {
      const line = stdout.split('\n').find((text) => READY_LINE.test(text));
      if (!line) return;
      clearTimeout(timer);
      resolve(READY_LINE.exec(line)![1]!);
    };
    child.stdout!.on('data', look);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`local start exited with ${code} before it was ready:\n${stdout}${stderr}`));
    });
  });
  return { child, endpoint, stdout: () => stdout, exited };
}

/** Every process whose parent chain leads to `rootPid`, read from /proc. */
function descendantsOf(rootPid: number): number[] {
  const childrenByParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // `pid (comm) state ppid ...`; comm may hold spaces and parentheses, so split after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    childrenByParent.set(ppid, [...(childrenByParent.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    for (const child of childrenByParent.get(pending.pop()!) ?? []) {
      found.push(child);
      pending.push(child);
    }
  }
  return found;
}

function isRunning(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

/** Creates and invokes a function; returns the pid of the runtime process that ran it. */
async function invokeFunction(endpoint: string, name: string): Promise<number> {
  const lambda = new LambdaClient({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS });
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::000000000000:role/local-start-test',
      Handler: 'index.handler',
      Code: { S3Bucket: 'hot-reload', S3Key: functionDir },
    }),
  );
  const result = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: '{}' }));
  lambda.destroy();
  expect(result.FunctionError).toBeUndefined();
  return (JSON.parse(Buffer.from(result.Payload!).toString('utf8')) as { pid: number }).pid;
}

describe('novamart local start', () => {
  it('prints one ready line with the bound port, serves the four services and stops on SIGTERM', async () => {
    const cli = await startCli();

    const readyLines = cli
      .stdout()
      .split('\n')
      .filter((line) => READY_LINE.test(line));
    expect(readyLines).toHaveLength(1);
    expect(cli.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.endpoint).not.toMatch(/:0$/);

    const status = await run(
      process.execPath,
      [CLI, 'local', 'status', '--endpoint', cli.endpoint],
      {
        cwd: REPO_ROOT,
      },
    );
    for (const service of ['dynamodb', 'sqs', 'events', 'lambda']) {
      expect(status.stdout).toMatch(new RegExp(`^${service}\\s+running$`, 'm'));
    }

    const runtimePid = await invokeFunction(cli.endpoint, 'sigterm-fn');
    const children = descendantsOf(cli.child.pid!);
    expect(children).toContain(runtimePid);

    cli.child.kill('SIGTERM');
    const exit = await cli.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(await waitUntil(() => !children.some(isRunning), 3000)).toBe(true);
  });

  it('stops on SIGINT with exit code 0 and leaves no child process behind', async () => {
    const cli = await startCli();
    const runtimePid = await invokeFunction(cli.endpoint, 'sigint-fn');
    const children = descendantsOf(cli.child.pid!);
    expect(children).toContain(runtimePid);

    cli.child.kill('SIGINT');
    const exit = await cli.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(await waitUntil(() => !children.some(isRunning), 3000)).toBe(true);
  });
});
