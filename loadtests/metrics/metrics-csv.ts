/**
 * The metrics CSV both samplers write and `stats summarize` reads: one row per process (or
 * container) per sample. I/O columns are cumulative byte counters; empty when not readable.
 */
export const METRICS_CSV_HEADER =
  'timestamp,source,id,name,cpu_percent,memory_bytes,read_bytes,write_bytes';

export interface MetricsSample {
  /** ms since epoch */
  timestampMs: number;
  source: 'process' | 'docker';
  /** pid, or container id */
  id: string;
  name: string;
  cpuPercent: number;
  memoryBytes: number;
  readBytes?: number;
  writeBytes?: number;
}

export function formatMetricsRow(sample: MetricsSample): string {
  return [
    new Date(sample.timestampMs).toISOString(),
    sample.source,
    csvField(sample.id),
    csvField(sample.name),
    sample.cpuPercent.toFixed(2),
    Math.round(sample.memoryBytes),
    sample.readBytes ?? '',
    sample.writeBytes ?? '',
  ].join(',');
}

export function parseMetricsCsv(text: string): MetricsSample[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length === 0) return [];
  const header = splitCsvLine(lines[0]);
  const column = (name: string) => {
    const at = header.indexOf(name);
    if (at < 0)
      throw new Error(
        `metrics CSV has no "${name}" column; expected the header: ${METRICS_CSV_HEADER}`,
      );
    return at;
  };
  const at = {
    timestamp: column('timestamp'),
    source: column('source'),
    id: column('id'),
    name: column('name'),
    cpu: column('cpu_percent'),
    memory: column('memory_bytes'),
    read: column('read_bytes'),
    write: column('write_bytes'),
  };
  return lines.slice(1).map((line) => {
    const fields = splitCsvLine(line);
    const optional = (value: string | undefined) => (value ? Number(value) : undefined);
    return {
      timestampMs: Date.parse(fields[at.timestamp]),
      source: fields[at.source] === 'docker' ? 'docker' : 'process',
      id: fields[at.id],
      name: fields[at.name],
      cpuPercent: Number(fields[at.cpu]),
      memoryBytes: Number(fields[at.memory]),
      readBytes: optional(fields[at.read]),
      writeBytes: optional(fields[at.write]),
    };
  });
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(current);
      current = '';
    } else current += char;
  }
  fields.push(current);
  return fields;
}
