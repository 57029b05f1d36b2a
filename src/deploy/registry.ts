/** Which provisioner serves each CloudFormation type on the embedded target. */
import { containerService } from './provisioners/container-service.ts';
import { databaseInstance } from './provisioners/database-instance.ts';
import { dynamodbTable } from './provisioners/dynamodb-table.ts';
import { eventBus } from './provisioners/event-bus.ts';
import { eventsRule } from './provisioners/events-rule.ts';
import { hostProvided, isHostProvided } from './provisioners/host-provided.ts';
import { lambdaEventSourceMapping } from './provisioners/lambda-event-source-mapping.ts';
import { lambdaFunction } from './provisioners/lambda-function.ts';
import { secret } from './provisioners/secret.ts';
import { secretTargetAttachment } from './provisioners/secret-target-attachment.ts';
import { sqsQueue } from './provisioners/sqs-queue.ts';
import type { Provisioner } from './provisioners/types.ts';

const PROVISIONERS: Provisioner[] = [
  dynamodbTable,
  sqsQueue,
  eventBus,
  eventsRule,
  lambdaFunction,
  lambdaEventSourceMapping,
  secret,
  secretTargetAttachment,
  databaseInstance,
  containerService,
];

export function provisionerFor(type: string): Provisioner | undefined {
  const found = PROVISIONERS.find((p) => p.types.includes(type));
  if (found) return found;
  return isHostProvided(type) ? hostProvided : undefined;
}

/** Every type served, for the docs and for the error that names what is not. */
export function servedTypes(): string[] {
  return [...PROVISIONERS.flatMap((p) => p.types), ...hostProvided.types, 'AWS::EC2::*'].sort();
}
