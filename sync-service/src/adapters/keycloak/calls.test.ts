import { describe, expect, it } from 'vitest';
import { ProjectionChangedMeanwhile, ProviderMissing } from '../../errors.js';
import { keycloakCalls } from '../../observability/metrics.js';
import { callCounter } from './calls.js';

async function countOf(kind: string, outcome: string): Promise<number> {
  return (await keycloakCalls.get()).values.find((v) => v.labels.kind === kind && v.labels.outcome === outcome)?.value ?? 0;
}

/** How much `work` moved each outcome's count. */
async function moved(kind: 'read' | 'write', work: () => Promise<unknown>): Promise<Record<string, number>> {
  const outcomes = ['ok', 'not_found', 'conflict', 'unavailable', 'error'];
  const before = await Promise.all(outcomes.map((o) => countOf(kind, o)));
  await callCounter()
    [kind]('what', work)
    .catch(() => {});
  const after = await Promise.all(outcomes.map((o) => countOf(kind, o)));
  return Object.fromEntries(outcomes.map((o, i) => [o, after[i]! - before[i]!]).filter(([, n]) => n !== 0));
}

const answered = (status: number) => async () => {
  throw Object.assign(new Error(`answered ${status}`), { response: { status } });
};

describe('procura_keycloak_calls_total (issue 18 item 3)', () => {
  it('counts each call once under what its caller is told', async () => {
    expect(await moved('read', async () => 'fine')).toEqual({ ok: 1 });
    expect(await moved('read', answered(404))).toEqual({ not_found: 1 });
    expect(await moved('write', answered(409))).toEqual({ conflict: 1 });
    expect(await moved('write', answered(503))).toEqual({ unavailable: 1 });
    expect(await moved('write', answered(400))).toEqual({ error: 1 });
    expect(
      await moved('read', async () => {
        throw new TypeError('fetch failed');
      }),
    ).toEqual({ unavailable: 1 });
    // The provider's fallbacks are not failures: a missing provider is a not-found, a bulk write refused as stale a conflict.
    expect(
      await moved('read', async () => {
        throw new ProviderMissing('projection-state');
      }),
    ).toEqual({ not_found: 1 });
    expect(
      await moved('write', async () => {
        throw new ProjectionChangedMeanwhile('stale');
      }),
    ).toEqual({ conflict: 1 });
  });
});
