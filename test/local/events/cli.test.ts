/**
 * EventBridge through both AWS CLIs against the real local cloud: `aws` on PATH (v1, botocore)
 * and /usr/bin/aws (v2.9). Queues are created and read with the SDK so only the events commands
 * depend on the CLI under test.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';

const run = promisify(execFile);
const fixture = useLocalCloud();

const CLIS = [
  { name: 'AWS CLI v1', command: 'aws', suffix: 'v1' },
  { name: 'AWS CLI v2', command: '/usr/bin/aws', suffix: 'v2' },
];

async function aws(command: string, args: string[]): Promise<unknown> {
  const { stdout } = await run(
    command,
    ['--endpoint-url', fixture.endpoint, '--output', 'json', ...args],
    {
      env: fixture.cliEnv,
      timeout: 30_000,
    },
  );
  return stdout.trim() ? JSON.parse(stdout) : {};
}

async function awsFailure(
  command: string,
  args: string[],
): Promise<{ code: number; stderr: string }> {
  try {
    await aws(command, args);
  } catch (err) {
    const failure = err as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
  throw new Error(`expected ${args.join(' ')} to fail`);
}

describe.concurrent.each(CLIS)('$name', ({ command, suffix }) => {
  it('puts a rule and a target, tests a pattern, lists rules and delivers put-events to SQS', async () => {
    // Arrange: a queue, read back with the SDK.
    const sqs = new SQSClient(fixture.clientConfig);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `cli-${suffix}` }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const ruleName = `cli-rule-${suffix}`;
    const pattern = JSON.stringify({
      source: [`cli.${suffix}`],
      detail: { n: [{ numeric: ['>', 1] }] },
    });

    // Act
    const rule = await aws(command, [
      'events',
      'put-rule',
      '--name',
      ruleName,
      '--event-pattern',
      pattern,
    ]);
    const targets = await aws(command, [
      'events',
      'put-targets',
      '--rule',
      ruleName,
      '--targets',
      JSON.stringify([{ Id: 'q', Arn: Attributes!.QueueArn }]),
    ]);
    const tested = await aws(command, [
      'events',
      'test-event-pattern',
      '--event-pattern',
      pattern,
      '--event',
      JSON.stringify({
        id: '1',
        account: '000000000000',
        source: `cli.${suffix}`,
        time: '2026-12-03T00:00:00Z',
        region: 'us-east-1',
        'detail-type': 't',
        resources: [],
        detail: { n: 2 },
      }),
    ]);
    const listed = await aws(command, ['events', 'list-rules', '--name-prefix', ruleName]);
    const put = await aws(command, [
      'events',
      'put-events',
      '--entries',
      JSON.stringify([{ Source: `cli.${suffix}`, DetailType: 't', Detail: '{"n":5}' }]),
    ]);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));

    // Assert
    expect(rule).toEqual({ RuleArn: `arn:aws:events:us-east-1:000000000000:rule/${ruleName}` });
    expect(targets).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    expect(tested).toEqual({ Result: true });
    expect(listed).toMatchObject({
      Rules: [{ Name: ruleName, EventPattern: pattern, State: 'ENABLED' }],
    });
    expect(put).toMatchObject({ FailedEntryCount: 0, Entries: [{ EventId: expect.any(String) }] });
    expect(JSON.parse(received.Messages?.[0]?.Body ?? '{}')).toMatchObject({
      source: `cli.${suffix}`,
      detail: { n: 5 },
    });
    sqs.destroy();
  });

  it('reports an AWS error on stderr with a failing exit code', async () => {
    const missing = await awsFailure(command, [
      'events',
      'describe-rule',
      '--name',
      `missing-${suffix}`,
    ]);
    expect(missing.code).toBeGreaterThan(0);
    expect(missing.stderr).toContain('ResourceNotFoundException');
    expect(missing.stderr).toContain(`Rule missing-${suffix} does not exist on EventBus default.`);
  });
});
