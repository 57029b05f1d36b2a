/**
 * Sends matched events to targets, off the PutEvents request path. A failed send is retried with
 * exponential backoff and jitter within the target's RetryPolicy, then goes to the target's
 * dead-letter queue with AWS's message attributes, or is dropped with a log line.
 * Lambda targets are invoked asynchronously; Lambda's own async retries apply after that.
 */
import type { CloudContext } from '../context.ts';
import { isAwsError } from '../errors.ts';
import type { ResolvedEventsOptions } from './options.ts';
import type { StoredTarget } from './state.ts';

/** AWS's RetryPolicy defaults. */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;

export interface DeliveryJob {
  ruleArn: string;
  target: StoredTarget;
  /** What the target receives (after Input/InputPath/InputTransformer). */
  payload: string;
  /** The untransformed event, which is what a dead-letter queue receives. */
  eventJson: string;
  eventId: string;
  ingestedAtMs: number;
}

interface DeliveryFailure {
  code: string;
  message: string;
}

type Timer = ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate>;

const MISSING_RESOURCE_CODES = new Set([
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'ResourceNotFoundException',
]);

function describeFailure(err: unknown): DeliveryFailure {
  if (isAwsError(err)) {
    return {
      code: MISSING_RESOURCE_CODES.has(err.code) ? 'RESOURCE_NOT_FOUND' : err.code,
      message: err.message,
    };
  }
  return { code: 'INTERNAL_FAILURE', message: err instanceof Error ? err.message : String(err) };
}

export class TargetDelivery {
  private readonly timers = new Set<Timer>();
  private closed = false;

  constructor(
    private readonly ctx: CloudContext,
    private readonly options: ResolvedEventsOptions,
  ) {}

  /** Starts delivery on the next turn of the event loop, so PutEvents answers first. */
  deliver(job: DeliveryJob): void {
    if (this.closed) return;
    const timer = setImmediate(() => {
      this.timers.delete(timer);
      void this.attempt(job, 0);
    });
    this.timers.add(timer);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) {
      clearTimeout(timer as ReturnType<typeof setTimeout>);
      clearImmediate(timer as ReturnType<typeof setImmediate>);
    }
    this.timers.clear();
  }

  private async attempt(job: DeliveryJob, retriesDone: number): Promise<void> {
    if (this.closed) return;
    try {
      await this.send(job.target.Arn, job.payload);
      this.ctx.logger.debug({ eventId: job.eventId, targetArn: job.target.Arn }, 'event delivered');
    } catch (err) {
      this.retryOrGiveUp(job, retriesDone, describeFailure(err));
    }
  }

  private retryOrGiveUp(job: DeliveryJob, retriesDone: number, failure: DeliveryFailure): void {
    const maxRetries =
      job.target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS;
    const maxAgeMs =
      (job.target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS) *
      1000;
    const delayMs = this.backoffMs(retriesDone);
    if (retriesDone >= maxRetries) {
      void this.giveUp(job, retriesDone, failure, 'MaximumRetryAttempts');
      return;
    }
    if (this.ctx.now() + delayMs - job.ingestedAtMs > maxAgeMs) {
      void this.giveUp(job, retriesDone, failure, 'MaximumEventAgeInSeconds');
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(job, retriesDone + 1);
    }, delayMs);
    this.timers.add(timer);
  }

  private backoffMs(retriesDone: number): number {
    const ceilingMs = Math.min(
      this.options.retryMaxDelayMs,
      this.options.retryBaseDelayMs * 2 ** retriesDone,
    );
    // Jitter keeps many failing targets from retrying in lockstep.
    return Math.round(ceilingMs * (0.5 + Math.random() * 0.5));
  }

  private async send(targetArn: string, payload: string): Promise<void> {
    const service = targetArn.split(':')[2];
    if (service === 'sqs') {
      if (!this.ctx.sqs) throw new Error('SQS is not running in this local cloud');
      await this.ctx.sqs.sendMessageByArn(targetArn, payload);
      return;
    }
    if (service === 'lambda') {
      if (!this.ctx.lambda) throw new Error('Lambda is not running in this local cloud');
      await this.ctx.lambda.invokeAsync(targetArn, payload);
      return;
    }
    throw new Error(`The local cloud delivers only to SQS and Lambda targets, not ${targetArn}`);
  }

  private async giveUp(
    job: DeliveryJob,
    retriesDone: number,
    failure: DeliveryFailure,
    condition: string,
  ): Promise<void> {
    const log = {
      eventId: job.eventId,
      ruleArn: job.ruleArn,
      targetArn: job.target.Arn,
      retriesDone,
      ...failure,
    };
    const deadLetterArn = job.target.DeadLetterConfig?.Arn;
    if (!deadLetterArn || this.closed) {
      this.ctx.logger.warn(
        log,
        'event dropped after failed delivery: the target has no dead-letter queue',
      );
      return;
    }
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    try {
      await this.ctx.sqs!.sendMessageByArn(deadLetterArn, job.eventJson, {
        RULE_ARN: attribute(job.ruleArn),
        TARGET_ARN: attribute(job.target.Arn),
        ERROR_CODE: attribute(failure.code),
        ERROR_MESSAGE: attribute(failure.message),
        EXHAUSTED_RETRY_CONDITION: attribute(condition),
        RETRY_ATTEMPTS: attribute(String(retriesDone)),
      });
      this.ctx.logger.info({ ...log, deadLetterArn }, 'event sent to the dead-letter queue');
    } catch (err) {
      this.ctx.logger.error(
        { ...log, deadLetterArn, err: describeFailure(err) },
        'event dropped: dead-letter queue unreachable',
      );
    }
  }
}
