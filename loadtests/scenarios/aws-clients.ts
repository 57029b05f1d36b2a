/**
 * AWS clients for the inventory scenarios: SDK settings with keep-alive sockets sized to the
 * in-flight cap (the SDK's default agent would open and close sockets under load), the lean
 * JSON client for per-request calls, and test credentials for the local targets, which accept any.
 */
import http from 'node:http';
import https from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { type AwsJsonClient, type AwsJsonService, createAwsJsonClient } from './aws-json-client.ts';
import type { ScenarioContext } from './types.ts';

const LOCAL_ENDPOINT = 'http://127.0.0.1:4566';
const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  requestHandler: NodeHttpHandler;
  maxAttempts: number;
}

/** The endpoint to send to; undefined on AWS, where each client knows its own. */
function endpointOf(ctx: ScenarioContext): string | undefined {
  return ctx.target === 'aws' ? ctx.endpoint : (ctx.endpoint ?? LOCAL_ENDPOINT);
}

export function awsClientConfig(ctx: ScenarioContext, extraSockets = 0): AwsClientConfig {
  const maxSockets = Math.min(ctx.maxInFlight, 1024) + extraSockets;
  return {
    region: ctx.region,
    endpoint: endpointOf(ctx),
    credentials: ctx.target === 'aws' ? undefined : LOCAL_CREDENTIALS,
    requestHandler: new NodeHttpHandler({
      httpAgent: new http.Agent({ keepAlive: true, maxSockets }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets }),
      connectionTimeout: 5_000,
    }),
    // A load test measures the first attempt: retries would hide throttling behind latency.
    maxAttempts: 1,
  };
}

/**
 * The lean client for one JSON-protocol service on this run's target. On AWS the credentials
 * are the SDK client's resolved chain (profiles, SSO, roles), so both sign alike.
 */
export function awsJsonClient(
  ctx: ScenarioContext,
  service: AwsJsonService,
  sdk: { config: { credentials: AwsCredentialIdentityProvider } },
  connections: number,
): AwsJsonClient {
  return createAwsJsonClient({
    service,
    endpoint: endpointOf(ctx) ?? `https://${service.signingName}.${ctx.region}.amazonaws.com`,
    region: ctx.region,
    credentials: ctx.target === 'aws' ? sdk.config.credentials : LOCAL_CREDENTIALS,
    connections,
  });
}
