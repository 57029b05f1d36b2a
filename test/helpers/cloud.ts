/** Starts a real local cloud on a free port for one test file and hands out SDK client settings. */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../local/server.ts';
import { silentLogger } from '../../src/shared/logger.ts';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface CloudFixture {
  cloud: LocalCloud;
  endpoint: string;
  /** Settings for any AWS SDK v3 client: `new SQSClient(fixture.clientConfig)`. */
  clientConfig: { endpoint: string; region: string; credentials: typeof TEST_CREDENTIALS };
  /** Environment for running an AWS CLI against this cloud. */
  cliEnv: NodeJS.ProcessEnv;
}

export function useLocalCloud(options: LocalCloudOptions = {}): CloudFixture {
  const fixture = {} as CloudFixture;
  beforeAll(async () => {
    // A state dir of its own: services and PostgreSQL started by a test never touch `.novamart/`.
    const stateDir = mkdtempSync(join(tmpdir(), 'novamart-cloud-'));
    chmodSync(stateDir, 0o755);
    const cloud = await startLocalCloud({ port: 0, logger: silentLogger, stateDir, ...options });
    fixture.cloud = cloud;
    fixture.endpoint = cloud.endpoint;
    fixture.clientConfig = {
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
    };
    fixture.cliEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
  });
  afterAll(async () => {
    await fixture.cloud?.close();
  });
  return fixture;
}
