/** Create/Get/List/Update/DeleteEventSourceMapping for SQS queues. */
import {
  checkIntegerRange,
  invalidParameter,
  resourceConflict,
  validationError,
} from '../errors.ts';
import {
  type EventSourceMapping,
  toEventSourceMappingConfiguration,
} from '../event-source/event-source-mapping.ts';
import type { NewMapping } from '../event-source/mapping-manager.ts';
import {
  jsonResponse,
  type LambdaServiceState,
  type Operation,
  parseJsonBody,
} from '../service-state.ts';

type MappingSettings = Pick<
  EventSourceMapping,
  | 'batchSize'
  | 'maximumBatchingWindowInSeconds'
  | 'enabled'
  | 'functionResponseTypes'
  | 'maximumConcurrency'
>;

const RESPONSE_TYPES = ['ReportBatchItemFailures'];
const DEFAULT_BATCH_SIZE = 10;
const MAX_STANDARD_BATCH_SIZE = 10000;
const MAX_FIFO_BATCH_SIZE = 10;

export const createEventSourceMapping: Operation = async (state, req) => {
  const body = parseJsonBody(req);
  const queueArn = checkQueueArn(state, body.EventSourceArn);
  const fn = state.registry.get(String(body.FunctionName ?? ''));
  const settings = readMappingSettings(body, queueArn, {
    batchSize: DEFAULT_BATCH_SIZE,
    maximumBatchingWindowInSeconds: 0,
    enabled: true,
    functionResponseTypes: [],
  });
  const existing = state.mappings
    .list()
    .find((m) => m.eventSourceArn === queueArn && m.functionName === fn.name);
  if (existing) {
    throw resourceConflict(
      `An event source mapping with SQS arn (" ${queueArn} ") and function (" ${fn.name} ") already ` +
        `exists. Please update or delete the existing mapping with UUID ${existing.uuid}`,
    );
  }
  const mapping = state.mappings.create({
    ...settings,
    eventSourceArn: queueArn,
    functionName: fn.name,
    functionArn: fn.arn,
  });
  return jsonResponse(202, toEventSourceMappingConfiguration(mapping));
};

export const getEventSourceMapping: Operation = async (state, _req, uuid) => {
  return jsonResponse(200, toEventSourceMappingConfiguration(state.mappings.get(uuid)));
};

export const listEventSourceMappings: Operation = async (state, req) => {
  const queueArn = req.query.get('EventSourceArn');
  const functionRef = req.query.get('FunctionName');
  const functionName = functionRef ? state.registry.get(functionRef).name : undefined;
  const mappings = state.mappings
    .list()
    .filter(
      (m) =>
        (!queueArn || m.eventSourceArn === queueArn) &&
        (!functionName || m.functionName === functionName),
    );
  return jsonResponse(200, {
    EventSourceMappings: mappings.map(toEventSourceMappingConfiguration),
  });
};

export const updateEventSourceMapping: Operation = async (state, req, uuid) => {
  const current = state.mappings.get(uuid);
  const body = parseJsonBody(req);
  const changes: Partial<NewMapping> = readMappingSettings(body, current.eventSourceArn, current);
  if (body.FunctionName !== undefined) {
    const fn = state.registry.get(String(body.FunctionName));
    changes.functionName = fn.name;
    changes.functionArn = fn.arn;
  }
  const mapping = await state.mappings.update(uuid, changes);
  return jsonResponse(202, toEventSourceMappingConfiguration(mapping));
};

export const deleteEventSourceMapping: Operation = async (state, _req, uuid) => {
  const mapping = await state.mappings.remove(uuid);
  return jsonResponse(202, toEventSourceMappingConfiguration(mapping));
};

function checkQueueArn(state: LambdaServiceState, arn: unknown): string {
  if (typeof arn !== 'string' || !arn.startsWith('arn:aws:sqs:')) {
    throw invalidParameter(
      `EventSourceArn '${String(arn)}' is not served: the local cloud maps SQS queues only (arn:aws:sqs:...).`,
    );
  }
  if (!state.ctx.sqs?.queueExists(arn)) {
    throw invalidParameter(
      `Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. ` +
        `SQS Error Message: The specified queue ${arn} does not exist. Create the queue first.`,
    );
  }
  return arn;
}

/**
 * Reads the tunable settings, checking them together with the values they combine with
 * (`fallback`: defaults on create, the current mapping on update).
 */
function readMappingSettings(
  body: Record<string, unknown>,
  queueArn: string,
  fallback: MappingSettings,
): MappingSettings {
  const fifo = queueArn.endsWith('.fifo');
  const maxBatch = fifo ? MAX_FIFO_BATCH_SIZE : MAX_STANDARD_BATCH_SIZE;
  const batchSize =
    checkIntegerRange('batchSize', body.BatchSize, 1, maxBatch) ?? fallback.batchSize;
  const windowSeconds =
    checkIntegerRange(
      'maximumBatchingWindowInSeconds',
      body.MaximumBatchingWindowInSeconds,
      0,
      300,
    ) ?? fallback.maximumBatchingWindowInSeconds;
  if (batchSize > 10 && windowSeconds < 1) {
    throw invalidParameter(
      `Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10; got BatchSize ${batchSize} and MaximumBatchingWindowInSeconds ${windowSeconds}.`,
    );
  }
  let responseTypes = fallback.functionResponseTypes;
  if (body.FunctionResponseTypes !== undefined) {
    const types = body.FunctionResponseTypes;
    if (!Array.isArray(types) || types.some((t) => !RESPONSE_TYPES.includes(t))) {
      throw validationError(
        'functionResponseTypes',
        JSON.stringify(types),
        `Member must satisfy enum value set: [${RESPONSE_TYPES.join(', ')}]`,
      );
    }
    responseTypes = types as string[];
  }
  let maximumConcurrency = fallback.maximumConcurrency;
  if (body.ScalingConfig !== undefined) {
    const raw = (body.ScalingConfig as { MaximumConcurrency?: unknown } | null)?.MaximumConcurrency;
    maximumConcurrency = checkIntegerRange('scalingConfig.maximumConcurrency', raw, 2, 1000);
  }
  return {
    batchSize,
    maximumBatchingWindowInSeconds: windowSeconds,
    enabled: typeof body.Enabled === 'boolean' ? body.Enabled : fallback.enabled,
    functionResponseTypes: responseTypes,
    maximumConcurrency,
  };
}
