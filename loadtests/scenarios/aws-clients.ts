/**
 * AWS SDK settings for the inventory scenarios: keep-alive sockets sized to the in-flight cap
 * (the SDK's default agent would open and close sockets under load), and test credentials for
 * the local targets, which accept any.
 */
import http from 'node:http';
import https from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { ScenarioContext } from './types.ts';

export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  requestHandler: NodeHttpHandler;
  maxAttempts: number;
}

export function awsClientConfig(ctx: ScenarioContext, extraSockets = 0): AwsClientConfig {
  const maxSockets = Math.min(ctx.maxInFlight, 1024) + extraSockets;
  return {
    region: ctx.region,
    endpoint: ctx.target === 'aws' ? ctx.endpoint : (ctx.endpoint ?? 'http://127.0.0.1:4566'),
    credentials:
      ctx.target === 'aws' ? undefined : { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: new NodeHttpHandler({
      httpAgent: new http.Agent({ keepAlive: true, maxSockets }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets }),
      connectionTimeout: 5_000,
    }),
    // A load test measures the first attempt: retries would hide throttling behind latency.
    maxAttempts: 1,
  };
}
