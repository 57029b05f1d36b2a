import { describe, expect, it } from 'vitest';
import { comparisonHtml, comparisonMarkdown } from '../../src/compare/comparison-table.ts';
import { fixtureRun } from '../loadtests/helpers/fixture-run.ts';

describe('the comparison table', () => {
  it('puts each rate of both modes on one row and names the highest step each held', () => {
    // Arrange: lambda fails its 400 rps step, worker holds every step
    const lambda = fixtureRun('lambda', [10, 20, 400, 900], '2026-12-03T10:00:00.000Z');
    const worker = fixtureRun('worker', [10, 12, 15, 20], '2026-12-03T10:05:00.000Z');

    // Act
    const markdown = comparisonMarkdown([
      { label: 'lambda', run: lambda },
      { label: 'worker', run: worker },
    ]);

    // Assert
    const rows = markdown.split('\n');
    expect(rows[0]).toBe(
      '| offered rps | lambda p95 ms | lambda achieved rps | lambda errors | worker p95 ms | worker achieved rps | worker errors |',
    );
    expect(rows.find((r) => r.startsWith('| 400 |'))).toMatch(
      /^\| 400 \| \d+\.\d \(FAIL\) \| 280\.0 \| 0\.00% \| \d+\.\d \| 396\.0 \| 0\.00% \|$/,
    );
    expect(rows).toContain('| highest step held | 200 rps |  |  | 800 rps |  |  |');
    expect(markdown).toContain('Thresholds per step: p95 <= 500 ms, errors <= 1.00%.');
  });

  it('marks a rate one mode never reached, and escapes what it puts in HTML', () => {
    // Arrange: an interrupted worker run with one step
    const lambda = fixtureRun('lambda', [10, 20], '2026-12-03T10:00:00.000Z');
    const worker = fixtureRun('worker', [10], '2026-12-03T10:05:00.000Z');

    // Act
    const markdown = comparisonMarkdown([
      { label: 'lambda', run: lambda },
      { label: 'worker', run: worker },
    ]);
    const html = comparisonHtml([{ label: '<b>', run: worker }]);

    // Assert
    expect(markdown.split('\n').find((r) => r.startsWith('| 200 |'))).toMatch(
      /\| not run \| {2}\| {2}\|$/,
    );
    expect(html).toContain('&lt;b&gt; p95 ms');
    expect(html).not.toContain('<b>');
  });
});
