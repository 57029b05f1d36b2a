/** `novamart stats summarize FILE`: the per-process (or per-container) summary of a metrics CSV. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseMetricsCsv } from '../../../loadtests/metrics/metrics-csv.ts';
import { formatSummaryTable, summarizeMetrics } from '../../../loadtests/metrics/summarize.ts';
import { CliError } from '../errors.ts';

export function registerStats(parent: Command): void {
  const stats = parent
    .command('stats')
    .description('Process and container metrics captured during load tests');
  stats
    .command('summarize')
    .description(
      'Average and peak CPU and memory, and I/O, per process or container, sorted by CPU',
    )
    .argument(
      '<file>',
      'metrics CSV written by `novamart loadtest --metrics-pids` or `--docker-stats`',
    )
    .option('--top <n>', 'show only the first N rows', (v) => Number.parseInt(v, 10))
    .action(async (file: string, flags: { top?: number }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new CliError(`cannot read ${file}: ${(err as Error).message}`, 2);
      }
      let summaries: ReturnType<typeof summarizeMetrics>;
      try {
        summaries = summarizeMetrics(parseMetricsCsv(text));
      } catch (err) {
        throw new CliError(`${file}: ${(err as Error).message}`, 2);
      }
      if (summaries.length === 0) throw new CliError(`${file} holds no samples`, 1);
      const shown = flags.top && flags.top > 0 ? summaries.slice(0, flags.top) : summaries;
      process.stdout.write(`${formatSummaryTable(shown)}\n`);
    });
}
