import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatMetricsRow, parseMetricsCsv } from '../../../loadtests/metrics/metrics-csv.ts';
import { formatSummaryTable, summarizeMetrics } from '../../../loadtests/metrics/summarize.ts';

const fixture = (name: string) => readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('summarizeMetrics on a metrics CSV fixture', () => {
  it('gives avg/max CPU and memory and I/O growth per process, sorted by CPU', async () => {
    // Arrange
    const samples = parseMetricsCsv(await fixture('metrics.csv'));

    // Act
    const summaries = summarizeMetrics(samples);

    // Assert
    expect(summaries.map((s) => s.name)).toEqual([
      'local-cloud',
      'worker, node main.ts',
      'postgres/postgres',
    ]);
    const [cloud, worker, postgres] = summaries;
    expect(cloud.avgCpuPercent).toBe(60);
    expect(cloud.maxCpuPercent).toBe(70);
    expect(cloud.avgMemoryBytes).toBe(110100480);
    expect(cloud.maxMemoryBytes).toBe(115343360);
    expect(cloud.writeBytes).toBe(3046576);
    expect(cloud.readBytes).toBe(0);
    expect(worker.readBytes).toBeUndefined();
    expect(postgres.writeBytes).toBe(1048576);
    expect(postgres.samples).toBe(2);
  });

  it('prints one aligned row per process', async () => {
    const table = formatSummaryTable(
      summarizeMetrics(parseMetricsCsv(await fixture('metrics.csv'))),
    );
    const lines = table.split('\n');

    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^NAME\s+ID\s+AVG CPU%\s+MAX CPU%/);
    expect(lines[1]).toMatch(
      /^local-cloud\s+100\s+60\.0\s+70\.0\s+105\.0 MiB\s+110\.0 MiB\s+0 B\s+2\.9 MiB\s+2$/,
    );
    expect(lines[3]).toContain('1.0 MiB');
  });

  it('round-trips rows, quoting names with commas', () => {
    const row = formatMetricsRow({
      timestampMs: Date.parse('2026-12-03T10:00:00Z'),
      source: 'process',
      id: '7',
      name: 'a, "b"',
      cpuPercent: 12.345,
      memoryBytes: 1024,
    });
    const [parsed] = parseMetricsCsv(
      `timestamp,source,id,name,cpu_percent,memory_bytes,read_bytes,write_bytes\n${row}`,
    );

    expect(parsed.name).toBe('a, "b"');
    expect(parsed.cpuPercent).toBe(12.35);
    expect(parsed.readBytes).toBeUndefined();
  });

  it('names the missing column of a CSV that is not a metrics file', () => {
    expect(() => parseMetricsCsv('time,cpu\n1,2')).toThrow(/no "timestamp" column/);
  });
});
