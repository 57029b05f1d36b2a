import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';
import {
  BEHAVIOUR_HANDLER,
  type FunctionFolder,
  writeFunctionFolder,
} from './function-fixtures.ts';

const run = promisify(execFile);
const fixture = useLocalCloud();
let folder: FunctionFolder;

function aws(...args: string[]) {
  return run('aws', ['--endpoint-url', fixture.endpoint, '--output', 'json', ...args], {
    env: fixture.cliEnv,
  });
}

beforeAll(() => {
  folder = writeFunctionFolder({ 'index.mjs': BEHAVIOUR_HANDLER });
});
afterAll(() => folder.remove());

describe('the AWS CLI against the Lambda service', () => {
  it('creates a function from a local folder and invokes it into an output file', async () => {
    await aws(
      'lambda',
      'create-function',
      '--function-name',
      'cli-fn',
      '--runtime',
      'nodejs20.x',
      '--role',
      'arn:aws:iam::000000000000:role/test',
      '--handler',
      'index.handler',
      '--code',
      `S3Bucket=hot-reload,S3Key=${folder.dir}`,
    );
    const outFile = join(folder.dir, 'out.json');

    const { stdout } = await aws(
      'lambda',
      'invoke',
      '--function-name',
      'cli-fn',
      '--payload',
      '{"from":"cli"}',
      outFile,
    );

    expect(JSON.parse(stdout)).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(JSON.parse(readFileSync(outFile, 'utf8')).echo).toEqual({ from: 'cli' });
  });

  it('reports a function error through the CLI', async () => {
    const outFile = join(folder.dir, 'error.json');

    const { stdout } = await aws(
      'lambda',
      'invoke',
      '--function-name',
      'cli-fn',
      '--payload',
      '{"fail":"from cli"}',
      outFile,
    );

    expect(JSON.parse(stdout)).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled' });
    expect(JSON.parse(readFileSync(outFile, 'utf8'))).toMatchObject({
      errorType: 'TypeError',
      errorMessage: 'from cli',
    });
  });
});
