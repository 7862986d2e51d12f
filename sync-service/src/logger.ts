import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs (pino); one logger per process, children per component. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'sync-service' }, timestamp: pino.stdTimeFunctions.isoTime });
}
