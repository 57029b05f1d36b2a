import { describe, expect, it } from 'vitest';
import { readBatchItemFailures } from '../../../local/lambda/event-source/batch-item-failures.ts';

const ids = ['m1', 'm2', 'm3'];

describe('readBatchItemFailures', () => {
  it('treats empty, null, {} and an empty or null list as full success', () => {
    for (const answer of [
      '',
      'null',
      '{}',
      '{"batchItemFailures":[]}',
      '{"batchItemFailures":null}',
    ]) {
      expect(readBatchItemFailures(answer, ids)).toEqual({
        kind: 'partial',
        failedMessageIds: new Set(),
      });
    }
  });

  it('returns the reported message ids', () => {
    const verdict = readBatchItemFailures('{"batchItemFailures":[{"itemIdentifier":"m2"}]}', ids);

    expect(verdict).toEqual({ kind: 'partial', failedMessageIds: new Set(['m2']) });
  });

  it('fails the whole batch on a malformed answer', () => {
    const malformed = [
      '"ok"',
      '[]',
      '{"batchItemFailure":[{"itemIdentifier":"m1"}]}',
      '{"batchItemFailures":[{"itemIdentifier":""}]}',
      '{"batchItemFailures":[{"itemIdentifier":null}]}',
      '{"batchItemFailures":[{"itemIdentifier":"not-in-batch"}]}',
      '{"batchItemFailures":"m1"}',
      '{"batchItemFailures":[null]}',
    ];
    for (const answer of malformed) {
      expect(readBatchItemFailures(answer, ids), answer).toEqual({ kind: 'all-failed' });
    }
  });
});
