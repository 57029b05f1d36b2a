import type { CloudContext } from '../context.ts';
import { AwsError, awsJsonError } from '../errors.ts';
import type { ServiceHandler } from '../types.ts';

// Placeholder until the EventBridge service lands.
export function createEventsService(_ctx: CloudContext): ServiceHandler {
  return {
    name: 'events',
    async handle() {
      return awsJsonError(new AwsError('UnknownOperationException', 'EventBridge is not served yet'));
    },
  };
}
