import { describe, expect, it } from 'vitest';
import type { MetricsSample } from '../../../loadtests/metrics/metrics-csv.ts';
import { buildChartData } from '../../../loadtests/report/chart-data.ts';
import type { ReportRun } from '../../../loadtests/report/load-runs.ts';
import { fixtureRun } from '../helpers/fixture-run.ts';

function sample(timestampMs: number, id: string, name: string, cpuPercent: number): MetricsSample {
  return {
    timestampMs,
    source: 'process',
    id,
    name,
    cpuPercent,
    memoryBytes: 1,
  };
}

describe('CPU chart lines', () => {
  it('sums processes of one name into one line and keeps single processes by pid', () => {
    // Arrange: 12 Lambda runtimes at 10% each, more lines than a chart holds, and the cloud.
    const t0 = Date.parse('2026-12-04T10:00:00Z');
    const metrics: MetricsSample[] = [];
    for (const t of [t0, t0 + 1000]) {
      metrics.push(sample(t, '100', 'local-cloud', 40));
      for (let pid = 200; pid < 212; pid++)
        metrics.push(sample(t, String(pid), 'local-cloud/node bootstrap.mjs', 10));
    }
    const run: ReportRun = {
      label: 'lambda',
      file: 'lambda.json',
      run: fixtureRun('lambda', [5, 6, 7, 8], '2026-12-04T10:00:00.000Z'),
      metrics,
    };

    // Act
    const [chart] = buildChartData([run]).cpu;

    // Assert: the runtimes' 120% total comes first, then the cloud's own line.
    expect(chart!.lines.map((l) => [l.label, l.points])).toEqual([
      [
        'local-cloud/node bootstrap.mjs (12 processes, summed)',
        [
          { x: 0, y: 120 },
          { x: 1, y: 120 },
        ],
      ],
      [
        'local-cloud (100)',
        [
          { x: 0, y: 40 },
          { x: 1, y: 40 },
        ],
      ],
    ]);
  });
});
