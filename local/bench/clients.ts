/**
 * Real AWS SDK v3 clients for one server, sharing one keep-alive agent, so the figures measure the
 * server rather than TCP handshakes. No retries: a throttle or conflict must show up as an error,
 * not as a slower figure.
 */
import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** Above the widest concurrency the benchmark runs (16), plus long-polling receivers. */
const MAX_SOCKETS = 64;

export interface BenchClients {
  sqs: SQSClient;
  events: EventBridgeClient;
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  destroy(): void;
}

export function createClients(endpoint: string): BenchClients {
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const config = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: agent, requestTimeout: 60_000 }),
  };
  const clients = {
    sqs: new SQSClient(config),
    events: new EventBridgeClient(config),
    lambda: new LambdaClient(config),
    dynamodb: new DynamoDBClient(config),
  };
  return {
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
      agent.destroy();
    },
  };
}
