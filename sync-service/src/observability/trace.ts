/**
 * The request id (issue 18 item 3): a W3C Trace Context (https://www.w3.org/TR/trace-context/)
 * carried through the async work of a request, of the outbox row it wrote and of the Keycloak
 * calls that applied it. The logger adds the current trace id to every line (`logger.ts`); the
 * Keycloak adapter sends `traceparent` on every admin call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

export interface TraceContext {
  /** 32 lowercase hex digits, shared by every step of one request. */
  readonly traceId: string;
  /** 16 hex digits: this step (a request served, a batch applied). */
  readonly spanId: string;
  /** The trace flags, `01` when sampled. */
  readonly flags: string;
}

const current = new AsyncLocalStorage<TraceContext>();

// Version 00 exactly; a later version may append fields after the four we read (spec §3.2.4), `ff` is invalid.
const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** The context an incoming `traceparent` names, or undefined when it is absent or malformed (then a new one is made). */
export function parseTraceparent(header: string | undefined): TraceContext | undefined {
  const match = header ? traceparentPattern.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, flags };
}

/** A new step: of `parent`'s trace when given, else of a new trace. */
export function childOf(parent: TraceContext | undefined): TraceContext {
  return { traceId: parent?.traceId ?? randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), flags: parent?.flags ?? '01' };
}

/** A step of the trace `traceId` (an outbox row's), or of a new trace when it is null or malformed. */
export function continueTrace(traceId: string | null | undefined): TraceContext {
  return childOf(traceId && /^[0-9a-f]{32}$/.test(traceId) ? { traceId, spanId: '', flags: '01' } : undefined);
}

export function traceparentOf(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.flags}`;
}

/** Runs `work` as the step `context`: the logs it writes and the calls it makes carry its trace id. */
export function inTrace<T>(context: TraceContext, work: () => T): T {
  return current.run(context, work);
}

export function currentTrace(): TraceContext | undefined {
  return current.getStore();
}

/** The header of an outgoing call made in the current step (a new span id under its trace), or none outside any. */
export function outgoingTraceHeaders(): Record<string, string> {
  const context = current.getStore();
  return context ? { traceparent: traceparentOf(childOf(context)) } : {};
}
