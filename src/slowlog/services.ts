/**
 * Which service a log line belongs to. Each service has its own PostgreSQL server, so the source
 * usually says (its log directory, container or RDS instance); when one log holds several
 * databases, the database name decides.
 */
import path from 'node:path';
import type { ServiceName } from './types.ts';

/** A service, or `other` for statements of databases that belong to neither (e.g. `postgres`). */
export type ReportService = ServiceName | 'other';

export function serviceFromName(name: string): ServiceName | undefined {
  const lower = name.toLowerCase();
  if (lower.includes('catalog')) return 'catalog';
  if (lower.includes('order')) return 'orders';
  return undefined;
}

/** The service named by the first folder of `filePath` below `rootDir` that names one. */
export function serviceFromPath(rootDir: string, filePath: string): ServiceName | undefined {
  const segments = path.relative(rootDir, path.dirname(filePath)).split(path.sep);
  for (const segment of segments) {
    const service = serviceFromName(segment);
    if (service) return service;
  }
  return undefined;
}
