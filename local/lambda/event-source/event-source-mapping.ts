/** An SQS event source mapping as Lambda reports it. */

export type MappingState =
  | 'Creating'
  | 'Enabling'
  | 'Enabled'
  | 'Disabling'
  | 'Disabled'
  | 'Updating'
  | 'Deleting';

export interface EventSourceMapping {
  uuid: string;
  eventSourceArn: string;
  functionName: string;
  functionArn: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  enabled: boolean;
  /** `['ReportBatchItemFailures']` or empty. */
  functionResponseTypes: string[];
  /** ScalingConfig.MaximumConcurrency: batches in flight at once; the function's cap when unset. */
  maximumConcurrency?: number;
  state: MappingState;
  stateTransitionReason: string;
  lastModifiedMs: number;
}

export function toEventSourceMappingConfiguration(
  mapping: EventSourceMapping,
): Record<string, unknown> {
  return {
    UUID: mapping.uuid,
    EventSourceArn: mapping.eventSourceArn,
    FunctionArn: mapping.functionArn,
    BatchSize: mapping.batchSize,
    MaximumBatchingWindowInSeconds: mapping.maximumBatchingWindowInSeconds,
    FunctionResponseTypes: mapping.functionResponseTypes,
    ScalingConfig:
      mapping.maximumConcurrency === undefined
        ? undefined
        : { MaximumConcurrency: mapping.maximumConcurrency },
    State: mapping.state,
    StateTransitionReason: mapping.stateTransitionReason,
    // restJson1 timestamps are epoch seconds.
    LastModified: mapping.lastModifiedMs / 1000,
  };
}
