/**
 * What the three batch operations share: the whole-request checks (count, ids) that fail the
 * call, and per-entry outcomes that go to `Successful` or `Failed` with HTTP 200.
 */
import { AwsError } from '../../errors.ts';
import { queryErrorCode } from '../errors.ts';
import type { SqsInput, SqsOutput } from './context.ts';

const MAX_BATCH_ENTRIES = 10;
const BATCH_ENTRY_ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

/** The request's `Entries`, after the checks that reject the whole batch. */
export function batchEntries(input: SqsInput): SqsInput[] {
  const entries = Array.isArray(input.Entries) ? (input.Entries as SqsInput[]) : [];
  if (entries.length === 0) {
    throw new AwsError('EmptyBatchRequest', 'There should be at least one entry in the request.');
  }
  if (entries.length > MAX_BATCH_ENTRIES) {
    throw new AwsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = String(entry?.Id ?? '');
    if (!BATCH_ENTRY_ID_PATTERN.test(id)) {
      throw new AwsError(
        'InvalidBatchEntryId',
        `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long; got "${id}".`,
      );
    }
    if (seen.has(id)) throw new AwsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
  return entries;
}

export function failedEntry(id: string, err: AwsError): SqsOutput {
  return {
    Id: id,
    SenderFault: err.senderFault,
    Code: queryErrorCode(err.code),
    Message: err.message,
  };
}

/** Runs each entry on its own: an AwsError fails that entry only, anything else fails the call. */
export function runBatch(input: SqsInput, runEntry: (entry: SqsInput) => SqsOutput): SqsOutput {
  const Successful: SqsOutput[] = [];
  const Failed: SqsOutput[] = [];
  for (const entry of batchEntries(input)) {
    const id = String(entry.Id);
    try {
      Successful.push({ Id: id, ...runEntry(entry) });
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      Failed.push(failedEntry(id, err));
    }
  }
  return { Successful, Failed };
}
