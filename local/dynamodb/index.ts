import type { CloudContext } from '../context.ts';
import { AwsError, awsJsonError } from '../errors.ts';
import type { ServiceHandler } from '../types.ts';

// Placeholder until the DynamoDB service lands.
export async function createDynamoDbService(_ctx: CloudContext): Promise<ServiceHandler> {
  return {
    name: 'dynamodb',
    async handle() {
      return awsJsonError(new AwsError('UnknownOperationException', 'DynamoDB is not served yet'));
    },
  };
}
