import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../loadtests/report/markdown.ts';
import { fixtureRun } from '../helpers/fixture-run.ts';

describe('renderMarkdown', () => {
  it('counts errors, timeouts and dropped requests beside the error rate, as the rate does', () => {
    // Arrange: a step whose failures are all timeouts and drops, none an error answer.
    const run = fixtureRun('lambda', [5], '2026-12-04T10:00:00.000Z');
    Object.assign(run.steps[0]!, { errors: 0, timeouts: 3, dropped: 12, errorRate: 15 / 1500 });

    // Act
    const markdown = renderMarkdown([{ label: 'lambda', file: 'lambda.json', run, metrics: [] }]);

    // Assert: the errors cell reads 1.00% (15), then the timeouts and dropped columns.
    expect(markdown).toMatch(/\| 1\.00% \(15\) \| 3 \| 12 \|/);
  });
});
