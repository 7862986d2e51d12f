import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs (pino); one logger per process, children per component. Standard output unless `destination`. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'sync-service' }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
