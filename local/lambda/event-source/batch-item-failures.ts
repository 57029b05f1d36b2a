/**
 * Reads a function's answer under `ReportBatchItemFailures`. Empty, `null`, `{}` or an empty or
 * null `batchItemFailures` mean the whole batch succeeded; anything malformed (a wrong key, an
 * identifier that is missing or not in the batch) fails the whole batch, as Lambda does.
 */
export type BatchVerdict =
  | { kind: 'partial'; failedMessageIds: Set<string> }
  | { kind: 'all-failed' };

export function readBatchItemFailures(resultJson: string, batchMessageIds: string[]): BatchVerdict {
  const none: BatchVerdict = { kind: 'partial', failedMessageIds: new Set() };
  let result: unknown;
  try {
    result = resultJson.trim() === '' ? null : JSON.parse(resultJson);
  } catch {
    return { kind: 'all-failed' };
  }
  if (result === null) return none;
  if (typeof result !== 'object' || Array.isArray(result)) return { kind: 'all-failed' };

  const keys = Object.keys(result);
  if (keys.length === 0) return none;
  if (!keys.includes('batchItemFailures')) return { kind: 'all-failed' };
  const failures = (result as { batchItemFailures: unknown }).batchItemFailures;
  if (failures === null) return none;
  if (!Array.isArray(failures)) return { kind: 'all-failed' };

  const inBatch = new Set(batchMessageIds);
  const failedMessageIds = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !inBatch.has(id)) return { kind: 'all-failed' };
    failedMessageIds.add(id);
  }
  return { kind: 'partial', failedMessageIds };
}
