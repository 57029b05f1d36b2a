import type { CloudContext, LambdaBackend } from '../context.ts';
import { AwsError, awsJsonError } from '../errors.ts';
import type { ServiceHandler } from '../types.ts';

export interface LambdaServiceOptions {
  /** Concurrent executions per function when no reserved concurrency is set. */
  defaultConcurrency?: number;
}

// Placeholder until the Lambda service lands.
export function createLambdaService(_ctx: CloudContext, _options?: LambdaServiceOptions): ServiceHandler & LambdaBackend {
  return {
    name: 'lambda',
    async handle() {
      return awsJsonError(new AwsError('UnknownOperationException', 'Lambda is not served yet'));
    },
    async invokeAsync() {
      throw new AwsError('ResourceNotFoundException', 'Lambda is not served yet', 404);
    },
    functionExists: () => false,
  };
}
