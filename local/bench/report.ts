/** Medians over runs, and the table the benchmark prints (Markdown, to paste into docs/benchmarks.md). */
import type { Measurement } from './workloads/types.ts';

/** Every run's figure for one metric of one workload on one server. */
export interface Samples {
  workload: string;
  metric: string;
  unit: Measurement['unit'];
  better: Measurement['better'];
  compared: boolean;
  /** Server name to the values of each run (null where the server could not do it). */
  values: Map<string, (number | null)[]>;
  /** Server name to the distinct notes its runs gave. */
  notes: Map<string, Set<string>>;
}

export class ResultBook {
  private readonly rows = new Map<string, Samples>();

  add(workload: string, server: string, measurement: Measurement): void {
    const key = `${workload}\u0000${measurement.metric}`;
    let row = this.rows.get(key);
    if (!row) {
      row = {
        workload,
        metric: measurement.metric,
        unit: measurement.unit,
        better: measurement.better,
        compared: measurement.compared ?? true,
        values: new Map(),
        notes: new Map(),
      };
      this.rows.set(key, row);
    }
    row.values.set(server, [...(row.values.get(server) ?? []), measurement.value]);
    if (measurement.note)
      row.notes.set(server, (row.notes.get(server) ?? new Set()).add(measurement.note));
  }

  all(): Samples[] {
    return [...this.rows.values()];
  }
}

export function median(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (present.length === 0) return null;
  const mid = Math.floor(present.length / 2);
  return present.length % 2 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
}

function formatValue(value: number | null, unit: Measurement['unit']): string {
  if (value === null) return 'n/a';
  if (unit === 'ms') return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
  return `${value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')}/s`;
}

/** How many times better `local` is than `reference`, in the metric's own direction. */
export function advantage(row: Samples, local: string, reference: string): number | null {
  const ours = median(row.values.get(local) ?? []);
  const theirs = median(row.values.get(reference) ?? []);
  if (ours === null || theirs === null || ours === 0 || theirs === 0) return null;
  return row.better === 'higher' ? ours / theirs : theirs / ours;
}

function formatAdvantage(row: Samples, local: string, reference: string): string {
  const times = advantage(row, local, reference);
  if (times === null) return 'n/a';
  return `${times.toFixed(1)}× ${row.better === 'higher' ? 'more' : 'faster'}`;
}

export function renderTable(book: ResultBook, servers: string[], runs: number): string {
  const [local, reference] = servers;
  const header = ['Workload', 'Metric', ...servers.map((s) => `${s} (median of ${runs})`)];
  if (reference) header.push(`${local} vs ${reference}`);
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  const notes: string[] = [];
  for (const row of book.all()) {
    const cells = [row.workload, row.metric];
    for (const server of servers) {
      let cell = formatValue(median(row.values.get(server) ?? []), row.unit);
      const serverNotes = [...(row.notes.get(server) ?? [])];
      if (serverNotes.length > 0) {
        notes.push(serverNotes.join(' | '));
        cell += ` [${notes.length}]`;
      }
      cells.push(cell);
    }
    if (reference) {
      cells.push(row.compared ? formatAdvantage(row, local, reference) : '(client figure)');
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return [...lines, '', ...notes.map((note, i) => `[${i + 1}] ${note}`)].join('\n');
}
