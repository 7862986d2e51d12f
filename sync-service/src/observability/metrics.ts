/**
 * The sync-service's metrics (issue 18 item 3), in Prometheus' exposition format through
 * prom-client's default registry: one per process, so the API server and the worker each expose
 * their own. Counters and histograms are updated where the work happens; what lives in PostgreSQL
 * (outbox depth, notices, sessions) is read at each scrape (`collectFromDatabase`). docs/operations.md
 * lists them; decision 0054 says why they are served on a listener of their own.
 */
import client from 'prom-client';
import type { Queryable } from '../db/query.js';

export const registry = client.register;

let defaultsStarted = false;
/** Memory, CPU, event-loop lag, GC, handles: prom-client's default metrics, once per process. */
export function collectProcessMetrics(): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  // Gauges named like counters (`_total`), which `promtool check metrics` rejects; the count of
  // handles and requests says little that memory and event-loop lag do not.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);
}

export const httpRequestDuration = new client.Histogram({
  name: 'procura_http_request_duration_seconds',
  help: 'HTTP requests served, by method, route template and status code, with their duration.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

export const keycloakCalls = new client.Counter({
  name: 'procura_keycloak_calls_total',
  help: "Calls to Keycloak's admin API and the provider's endpoints, by kind (read, write) and outcome.",
  labelNames: ['kind', 'outcome'] as const,
});

export const keycloakCallDuration = new client.Histogram({
  name: 'procura_keycloak_call_duration_seconds',
  help: 'Duration of the calls to Keycloak, by kind (read, write).',
  labelNames: ['kind'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export const projectionPhaseDuration = new client.Histogram({
  name: 'procura_projection_phase_duration_seconds',
  help: 'Duration of each phase of the projection, by run (batch: an outbox batch; reconcile: the periodic full reconcile) and phase.',
  labelNames: ['run', 'phase'] as const,
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
});

export const outboxRows = new client.Counter({
  name: 'procura_outbox_rows_total',
  help: 'Outbox rows of the projection handled by this process, by outcome (applied, failed: left for a retry).',
  labelNames: ['outcome'] as const,
});

const outboxPending = new client.Gauge({
  name: 'procura_outbox_pending',
  help: 'Outbox rows not yet processed, by topic (projection, notice).',
  labelNames: ['topic'] as const,
});
const outboxOldestAge = new client.Gauge({
  name: 'procura_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest outbox row not yet processed, by topic (0 when none waits).',
  labelNames: ['topic'] as const,
});
const noticesPending = new client.Gauge({ name: 'procura_notices_pending', help: 'E-mail notices committed and not yet sent.' });
const noticesFailed = new client.Gauge({
  name: 'procura_notices_failed',
  help: 'E-mail notices not yet sent whose last attempt failed (waiting for a retry).',
});
const sessionsActive = new client.Gauge({ name: 'procura_console_sessions_active', help: 'Console sessions not yet expired.' });
const databaseUp = new client.Gauge({
  name: 'procura_metrics_database_up',
  help: "1 when the last scrape could read the database's figures, else 0 (they keep their last values).",
});

const topics = ['projection', 'notice'] as const;

/** Reads the figures PostgreSQL holds; a failure leaves them as they were and sets `procura_metrics_database_up` to 0. */
export async function collectFromDatabase(db: Queryable): Promise<void> {
  try {
    const [{ rows }, sessions] = await Promise.all([
      db.query<{ topic: string; pending: number; oldest: number; failing: number }>(
        `SELECT topic, count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest,
                count(*) FILTER (WHERE attempts > 0)::int AS failing
           FROM outbox WHERE processed_at IS NULL GROUP BY topic`,
      ),
      db.query<{ active: number }>('SELECT count(*)::int AS active FROM console_session WHERE expires_at > now()'),
    ]);
    for (const topic of topics) {
      const row = rows.find((r) => r.topic === topic);
      outboxPending.set({ topic }, row?.pending ?? 0);
      outboxOldestAge.set({ topic }, row?.oldest ?? 0);
    }
    const notices = rows.find((r) => r.topic === 'notice');
    noticesPending.set(notices?.pending ?? 0);
    noticesFailed.set(notices?.failing ?? 0);
    sessionsActive.set(sessions.rows[0]?.active ?? 0);
    databaseUp.set(1);
  } catch {
    databaseUp.set(0);
  }
}

/** The exposition text of every metric of this process. */
export async function metricsText(db: Queryable | undefined): Promise<string> {
  if (db) await collectFromDatabase(db);
  return registry.metrics();
}
