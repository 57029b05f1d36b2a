/**
 * One logger for the whole product: pino, object first, short message. Components take a Logger
 * rather than importing this module's default, so tests can pass a silent one.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(
  name: string,
  level = process.env.NOVAMART_LOG_LEVEL ?? 'info',
): Logger {
  return pino({ name, level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

export const silentLogger: Logger = pino({ level: 'silent' });
