import type { CloudContext, SqsBackend } from '../context.ts';
import { AwsError, awsJsonError } from '../errors.ts';
import type { ServiceHandler } from '../types.ts';

// Placeholder until the SQS service lands.
export function createSqsService(_ctx: CloudContext): ServiceHandler & SqsBackend {
  const missing = () => {
    throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
  };
  return {
    name: 'sqs',
    async handle() {
      return awsJsonError(new AwsError('UnsupportedOperation', 'SQS is not served yet'));
    },
    sendMessageByArn: async () => missing(),
    receiveMessagesByArn: async () => missing(),
    deleteMessageByArn: async () => missing(),
    changeMessageVisibilityByArn: async () => missing(),
    queueExists: () => false,
    queueVisibilityTimeoutSeconds: () => 30,
  };
}
