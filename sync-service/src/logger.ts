import { pino, type DestinationStream, type Logger } from 'pino';

import { currentTrace } from './observability/trace.js';

export type { Logger };

function traceFields(): { trace_id?: string } {
  const trace = currentTrace();
  return trace ? { trace_id: trace.traceId } : {};
}

/**
 * Structured JSON logs (pino); one logger per process, children per component. Standard output unless `destination`.
 * A line written while serving a request, or applying an outbox row it wrote, carries its `trace_id` (issue 18 item 3).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'sync-service' }, timestamp: pino.stdTimeFunctions.isoTime, mixin: traceFields };
  return destination ? pino(options, destination) : pino(options);
}
