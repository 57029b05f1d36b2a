/** A stream of PostgreSQL log lines and the service it belongs to, if the source knows. */
import type { ServiceName } from '../types.ts';

export interface LogSource {
  /** Where the lines come from, for messages: a file path, a container, a log group. */
  label: string;
  /** Undefined when one source holds several services; the database name decides then. */
  service?: ServiceName;
  lines(): AsyncIterable<string>;
}
