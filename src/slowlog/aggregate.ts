/**
 * Groups slow-log entries per service by statement fingerprint and keeps count, total, mean, max
 * and last seen. Filters (`--since`, `--min-ms`) apply here, so every source is filtered alike.
 */
import type { StatementNormalizer } from './normalize.ts';
import type { ReportService } from './services.ts';
import type { SlowLogEntry, StatementPhase } from './types.ts';

export interface StatementGroup {
  service: ReportService;
  fingerprint: string;
  normalizer: 'libpg-query' | 'masked';
  phase: StatementPhase;
  count: number;
  totalMs: number;
  maxMs: number;
  lastSeenMs: number;
  /** The normalized text of the slowest occurrence: constants as `$n`, no parameter values. */
  example: string;
  databases: string[];
  /** How many occurrences came through each protocol. */
  simpleCount: number;
  extendedCount: number;
}

export interface AggregateFilters {
  /** Entries logged before this instant are left out; undefined keeps all. */
  sinceMs?: number;
  /** Entries faster than this are left out. @default 0 */
  minDurationMs?: number;
}

export class SlowLogAggregator {
  private readonly groups = new Map<string, StatementGroup>();
  skippedByFilters = 0;

  constructor(
    private readonly normalizer: StatementNormalizer,
    private readonly filters: AggregateFilters = {},
  ) {}

  add(entry: SlowLogEntry, service: ReportService): void {
    if (!this.passes(entry)) {
      this.skippedByFilters++;
      return;
    }
    const normalized = this.normalizer.normalize(entry.statement);
    const key = `${service}\u0000${entry.phase}\u0000${normalized.fingerprint}`;
    let group = this.groups.get(key);
    if (!group) {
      group = {
        service,
        fingerprint: normalized.fingerprint,
        normalizer: normalized.normalizer,
        phase: entry.phase,
        count: 0,
        totalMs: 0,
        maxMs: -1,
        lastSeenMs: entry.timestampMs,
        example: normalized.normalized,
        databases: [],
        simpleCount: 0,
        extendedCount: 0,
      };
      this.groups.set(key, group);
    }
    group.count++;
    group.totalMs += entry.durationMs;
    group.lastSeenMs = Math.max(group.lastSeenMs, entry.timestampMs);
    if (entry.durationMs > group.maxMs) {
      group.maxMs = entry.durationMs;
      group.example = normalized.normalized;
    }
    if (entry.protocol === 'simple') group.simpleCount++;
    else group.extendedCount++;
    if (entry.database && !group.databases.includes(entry.database)) {
      group.databases.push(entry.database);
    }
  }

  /** The groups of one service, most total time first (ties: more calls, then fingerprint). */
  topGroups(service: ReportService, top: number): StatementGroup[] {
    return [...this.groups.values()]
      .filter((group) => group.service === service)
      .sort(
        (a, b) =>
          b.totalMs - a.totalMs || b.count - a.count || a.fingerprint.localeCompare(b.fingerprint),
      )
      .slice(0, top);
  }

  servicesSeen(): ReportService[] {
    return [...new Set([...this.groups.values()].map((group) => group.service))];
  }

  private passes(entry: SlowLogEntry): boolean {
    if (this.filters.sinceMs !== undefined && entry.timestampMs < this.filters.sinceMs)
      return false;
    return entry.durationMs >= (this.filters.minDurationMs ?? 0);
  }
}
