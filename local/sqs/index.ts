/**
 * SQS for the local cloud: standard queues in memory, over the JSON and query wire protocols,
 * and in-process (SqsBackend) for EventBridge targets and Lambda event source mappings.
 * FIFO queues are not served: creating one fails with UnsupportedOperation.
 */
import type { CloudContext, SqsBackend, SqsMessageForConsumer } from '../context.ts';
import { AwsError, isAwsError } from '../errors.ts';
import { parseCredentialScope } from '../router.ts';
import type { AwsRequest, AwsResponse, ServiceHandler } from '../types.ts';
import { queueDoesNotExist } from './errors.ts';
import { isJsonRequest, jsonErrorResponse, jsonResponse, parseJsonRequest } from './json.ts';
import type { SqsCall, SqsEnvironment, SqsInput } from './operations/context.ts';
import { changeVisibilityByHandle, deleteByHandle } from './operations/handle-operations.ts';
import { SQS_OPERATIONS } from './operations/index.ts';
import { renderReceived } from './operations/receive-message.ts';
import { sendToQueue } from './operations/send-message.ts';
import { parseQueryRequest, queryErrorResponse, queryResponse } from './query.ts';
import { DEFAULT_MAX_MESSAGE_SIZE_BYTES } from './queue-attributes.ts';
import { queueKeyFromPath } from './queue-url.ts';
import { QueueStore } from './store.ts';

export interface SqsServiceOptions {
  /** Largest message (body + attributes) any queue accepts, and the MaximumMessageSize default. @default 1,048,576 */
  maxMessageSizeBytes?: number;
}

function callerOf(req: AwsRequest): SqsCall {
  const accessKeyId = parseCredentialScope(req.headers, req.query)?.accessKeyId;
  return {
    region: req.region,
    accountId: req.accountId,
    origin: req.origin,
    senderId: accessKeyId ?? req.accountId,
  };
}

export function createSqsService(
  ctx: CloudContext,
  options: SqsServiceOptions = {},
): ServiceHandler & SqsBackend {
  const logger = ctx.logger.child({ service: 'sqs' });
  const env: SqsEnvironment = {
    store: new QueueStore({ now: () => ctx.now(), logger }),
    logger,
    now: () => ctx.now(),
    maxMessageSizeBytes: options.maxMessageSizeBytes ?? DEFAULT_MAX_MESSAGE_SIZE_BYTES,
  };

  /** In-process callers act as the cloud's own account. */
  const backendCall = (): SqsCall => ({
    region: ctx.region,
    accountId: ctx.accountId,
    origin: ctx.endpoint,
    senderId: ctx.accountId,
  });

  const queueByArn = (arn: string) => {
    const queue = env.store.getByArn(arn);
    if (!queue) throw queueDoesNotExist();
    return queue;
  };

  async function run(operation: string, call: SqsCall, input: SqsInput) {
    const handler = SQS_OPERATIONS[operation];
    if (!handler) {
      throw new AwsError(
        'InvalidAction',
        `The action ${operation} is not valid for this endpoint. The local cloud serves: ${Object.keys(SQS_OPERATIONS).join(', ')}.`,
      );
    }
    return handler(env, call, input);
  }

  async function handle(req: AwsRequest): Promise<AwsResponse> {
    const json = isJsonRequest(req);
    let operation = req.targetOperation ?? 'unknown';
    try {
      const call = callerOf(req);
      if (json) {
        const parsed = parseJsonRequest(req);
        operation = parsed.operation;
        return jsonResponse(await run(operation, call, parsed.input));
      }
      const parsed = parseQueryRequest(req);
      operation = parsed.operation;
      const pathQueue = queueKeyFromPath(req.path, call);
      // Legacy clients name the queue in the path; a QueueUrl in the body wins.
      if (pathQueue && parsed.input.QueueUrl === undefined) {
        parsed.input.QueueUrl = `${req.origin}/${pathQueue.accountId}/${pathQueue.name}`;
      }
      return queryResponse(operation, await run(operation, call, parsed.input));
    } catch (err) {
      if (!isAwsError(err)) throw err;
      logger.debug({ operation, code: err.code, message: err.message }, 'request rejected');
      return json ? jsonErrorResponse(err) : queryErrorResponse(err);
    }
  }

  return {
    name: 'sqs',
    handle,

    async sendMessageByArn(queueArn, body, messageAttributes) {
      const output = sendToQueue(env, backendCall(), queueByArn(queueArn), {
        MessageBody: body,
        MessageAttributes: messageAttributes,
      });
      return { messageId: String(output.MessageId) };
    },

    async receiveMessagesByArn(
      queueArn,
      { maxMessages, waitTimeSeconds, visibilityTimeoutSeconds },
    ) {
      const queue = queueByArn(queueArn);
      const received = await queue.receive(
        Math.max(1, maxMessages),
        visibilityTimeoutSeconds ?? queue.settings.visibilityTimeoutSeconds,
        waitTimeSeconds,
      );
      const renderOptions = {
        maxMessages,
        waitTimeSeconds,
        visibilityTimeoutSeconds: 0,
        systemAttributeNames: ['All'],
        messageAttributeNames: ['All'],
      };
      return received.map((r): SqsMessageForConsumer => {
        const rendered = renderReceived(r, renderOptions);
        return {
          messageId: r.message.messageId,
          receiptHandle: r.receiptHandle,
          body: r.message.body,
          md5OfBody: r.message.md5OfBody,
          attributes: (rendered.Attributes as Record<string, string>) ?? {},
          messageAttributes: r.message.messageAttributes,
          md5OfMessageAttributes: r.message.md5OfMessageAttributes,
        };
      });
    },

    async deleteMessageByArn(queueArn, receiptHandle) {
      deleteByHandle(queueByArn(queueArn), receiptHandle);
    },

    async changeMessageVisibilityByArn(queueArn, receiptHandle, seconds) {
      changeVisibilityByHandle(queueByArn(queueArn), receiptHandle, seconds);
    },

    queueExists: (queueArn) => env.store.getByArn(queueArn) !== undefined,

    queueVisibilityTimeoutSeconds: (queueArn) =>
      queueByArn(queueArn).settings.visibilityTimeoutSeconds,

    async close() {
      env.store.closeAll();
    },
  };
}
