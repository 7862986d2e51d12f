import { describe, expect, it } from 'vitest';
import { childOf, continueTrace, currentTrace, inTrace, outgoingTraceHeaders, parseTraceparent, traceparentOf } from './trace.js';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('the request id (W3C Trace Context)', () => {
  it('takes the trace id of a valid incoming traceparent and refuses malformed ones', () => {
    expect(parseTraceparent(`00-${traceId}-00f067aa0ba902b7-01`)).toEqual({ traceId, spanId: '00f067aa0ba902b7', flags: '01' });
    expect(parseTraceparent(`01-${traceId}-00f067aa0ba902b7-01-later-field`)?.traceId).toBe(traceId);
    for (const bad of [
      undefined,
      '',
      'nonsense',
      `00-${traceId}-00f067aa0ba902b7-01-extra`,
      `ff-${traceId}-00f067aa0ba902b7-01`,
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      `00-${traceId}-${'0'.repeat(16)}-01`,
      `00-${traceId.toUpperCase()}-00f067aa0ba902b7-01`,
    ]) {
      expect(parseTraceparent(bad)).toBeUndefined();
    }
  });

  it("keeps the caller's trace id with a new span id, or makes a new trace", () => {
    const parent = parseTraceparent(`00-${traceId}-00f067aa0ba902b7-00`);
    const child = childOf(parent);
    expect(child).toMatchObject({ traceId, flags: '00' });
    expect(child.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child.spanId).not.toBe('00f067aa0ba902b7');
    expect(childOf(undefined).traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(childOf(undefined).traceId).not.toBe(childOf(undefined).traceId);
    expect(continueTrace(traceId).traceId).toBe(traceId);
    expect(continueTrace('not-a-trace-id').traceId).not.toBe('not-a-trace-id');
  });

  it('gives the calls made within a step a traceparent of its trace, and none outside any', async () => {
    expect(outgoingTraceHeaders()).toEqual({});
    const step = childOf(undefined);
    await inTrace(step, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentTrace()).toBe(step);
      expect(outgoingTraceHeaders().traceparent).toMatch(new RegExp(`^00-${step.traceId}-[0-9a-f]{16}-01$`));
      expect(outgoingTraceHeaders().traceparent).not.toBe(traceparentOf(step));
    });
    expect(currentTrace()).toBeUndefined();
  });
});
