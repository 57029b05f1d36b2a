/**
 * Two independent clients: `aws` on PATH (CLI v1, botocore 1.43: JSON protocol) and
 * `/usr/bin/aws` (Debian's CLI v2.9: query protocol). Both run as real child processes; each
 * call starts Python (about a second, more on a busy machine), so the list of calls is kept short.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';

const run = promisify(execFile);
const fixture = useLocalCloud();

const CLIS = [
  { label: 'aws CLI v1 (JSON protocol)', command: 'aws' },
  { label: 'aws CLI v2.9 (query protocol)', command: '/usr/bin/aws' },
];

async function cli(
  command: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      command,
      ['--endpoint-url', fixture.endpoint, 'sqs', ...args],
      {
        env: fixture.cliEnv,
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return {
      code: Number(failed.code ?? -1),
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

async function cliJson(command: string, args: string[]) {
  const result = await cli(command, [...args, '--output', 'json']);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim() === '' ? {} : JSON.parse(result.stdout);
}

describe.concurrent('AWS CLIs against the local cloud', () => {
  for (const { label, command } of CLIS) {
    it(`${label}: create, send, receive, delete, attributes, and an error`, {
      timeout: 120_000,
    }, async () => {
      // Arrange
      const queueName = `cli-${command.replace(/\W/g, '')}-${Date.now()}`;
      const created = await cliJson(command, [
        'create-queue',
        '--queue-name',
        queueName,
        '--attributes',
        'VisibilityTimeout=40',
      ]);
      const queueUrl: string = created.QueueUrl;

      // Act
      const sent = await cliJson(command, [
        'send-message',
        '--queue-url',
        queueUrl,
        '--message-body',
        'hello',
        '--message-attributes',
        '{"attribName1":{"DataType":"String","StringValue":"attribValue 1"}}',
      ]);
      const received = await cliJson(command, [
        'receive-message',
        '--queue-url',
        queueUrl,
        '--attribute-names',
        'All',
        '--message-attribute-names',
        'All',
      ]);
      const message = received.Messages[0];
      const deleted = await cli(command, [
        'delete-message',
        '--queue-url',
        queueUrl,
        '--receipt-handle',
        message.ReceiptHandle,
      ]);
      const attributes = await cliJson(command, [
        'get-queue-attributes',
        '--queue-url',
        queueUrl,
        '--attribute-names',
        'All',
      ]);
      const missing = await cli(command, ['get-queue-url', '--queue-name', 'no-such-queue']);

      // Assert
      expect(queueUrl).toBe(`${fixture.endpoint}/000000000000/${queueName}`);
      expect(sent.MD5OfMessageBody).toBe('5d41402abc4b2a76b9719d911017c592');
      expect(sent.MD5OfMessageAttributes).toBe('19e27d4e946b072f3f58da80d94fd778');
      expect(message.Body).toBe('hello');
      expect(message.MessageId).toBe(sent.MessageId);
      expect(message.Attributes.ApproximateReceiveCount).toBe('1');
      expect(message.MessageAttributes.attribName1.StringValue).toBe('attribValue 1');
      expect(deleted.code).toBe(0);
      expect(attributes.Attributes).toMatchObject({
        VisibilityTimeout: '40',
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
        QueueArn: `arn:aws:sqs:us-east-1:000000000000:${queueName}`,
      });
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('(AWS.SimpleQueueService.NonExistentQueue)');
      expect(missing.stderr).toContain('The specified queue does not exist.');
    });
  }
});
