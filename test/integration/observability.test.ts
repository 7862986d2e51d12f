import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@procura/sync-service/app';
import { loadConfig } from '@procura/sync-service/config';
import { createKeycloakAdmin } from '@procura/sync-service/keycloak';
import { createLogger } from '@procura/sync-service/logger';
import { addMember } from '@procura/sync-service/members/commands';
import { startMetricsServer, type MetricsServer } from '@procura/sync-service/observability/metrics-server';
import { registerOrganization } from '@procura/sync-service/organizations/commands';
import { serviceEnvironment } from '../harness/app.js';
import { repoRoot } from '../harness/paths.js';
import { testActor } from '../helpers/actor.js';
import { bearerOf } from '../helpers/api.js';
import { uniqueUid } from '../helpers/organizations.js';
import { createTestPerson } from '../helpers/people.js';
import { stack } from '../helpers/stack.js';
import { ownDatabase, startWorkerProcess, stopWorkerProcess, workerOutput } from '../helpers/worker-process.js';

/** A database of this file's own: its worker drains every pending row, and no other test's. */
const own = ownDatabase('observe');
const lines = (text: string): Array<Record<string, unknown>> =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** An app of the test's own on that database, its log lines (info) kept, listening on a free port. */
async function startApp(pool: pg.Pool, env: Record<string, string> = {}): Promise<{ url: string; log: string[]; server: Server }> {
  const config = loadConfig({ ...serviceEnvironment(stack()), DATABASE_URL: await own.url(), PORT: '0', LOG_LEVEL: 'info', ...env });
  const keycloak = createKeycloakAdmin({
    url: config.keycloak.url,
    realm: config.keycloak.realm,
    clientId: config.keycloak.syncClientId,
    auth: config.keycloak.syncClientAuth,
  });
  const log: string[] = [];
  const app = createApp({ config, pool, keycloak, logger: createLogger('info', { write: (line: string) => void log.push(line) }) });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log, server };
}

/**
 * A plain forwarding proxy in front of the real Keycloak, for the worker: it records the
 * `traceparent` of each call that passes (the worker is told to reach Keycloak through it).
 */
async function recordingProxy(): Promise<{ url: string; traceparents: string[]; server: Server }> {
  const target = new URL(serviceEnvironment(stack()).KEYCLOAK_URL!);
  const traceparents: string[] = [];
  const server = createServer((incoming, answer) => {
    if (incoming.headers.traceparent) traceparents.push(String(incoming.headers.traceparent));
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      },
    );
    upstream.on('error', () => answer.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, traceparents, server };
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, explain: () => string = () => '', timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined && found !== false) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}\n${explain()}`);
}

/** `promtool check metrics` on the text; its verdict and what it said. */
function promtoolCheckMetrics(text: string): { status: number | null; output: string } {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const traceId = '0af7651916cd43dd8448eb211c80319c';
let pool: pg.Pool;
let app: Awaited<ReturnType<typeof startApp>>;
let metrics: MetricsServer;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let worker: ChildProcess;
let workerLog = '';
let organizationId: string;
let caller: { bearer: string };

beforeAll(async () => {
  pool = await own.pool();
  ({ id: organizationId } = await registerOrganization(pool, testActor, {
    identifierKind: 'uid',
    identifier: uniqueUid(),
    legalName: 'Observée SA',
    type: 'employer',
  }));
  const person = await createTestPerson('observe');
  const { personId } = await addMember(pool, testActor, {
    organizationId,
    email: person.email,
    givenName: person.givenName,
    familyName: person.familyName,
    role: 'legal_representative',
    status: 'active',
  });
  await pool.query('UPDATE person SET keycloak_user_id = $1 WHERE id = $2', [person.keycloakId, personId]);
  caller = await bearerOf(person);
  app = await startApp(pool);
  metrics = await startMetricsServer({ host: '127.0.0.1', port: 0 }, { db: pool, logger: createLogger('silent') });
  proxy = await recordingProxy();
  worker = startWorkerProcess(await own.url(), { LOG_LEVEL: 'info', PROCURA_METRICS_PORT: '0', KEYCLOAK_URL: proxy.url });
  worker.stdout!.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
  // The fixtures' own rows drained first, so that the request's row is applied in a batch of its own.
  await waitFor(
    'the fixtures projected',
    async () => (await pool.query(`SELECT 1 FROM outbox WHERE processed_at IS NULL`)).rowCount === 0 || undefined,
    () => workerOutput(worker),
  );
}, 120_000);

afterAll(async () => {
  if (worker) await stopWorkerProcess(worker, 'SIGTERM');
  await Promise.all([metrics?.close(), new Promise((resolve) => app?.server.close(resolve)), new Promise((resolve) => proxy?.server.close(resolve))]);
  await own.drop();
});

describe('observability (issue 18 item 3)', () => {
  it("one request's trace id is in its response, its API log line, the outbox row it wrote, the worker's log line and the worker's calls to Keycloak", async () => {
    const response = await fetch(`${app.url}/api/v1/organizations/${organizationId}/units`, {
      method: 'POST',
      headers: { authorization: `Bearer ${caller.bearer}`, 'content-type': 'application/json', traceparent: `00-${traceId}-b7ad6b7169203331-01` },
      body: JSON.stringify({ kind: 'branch', name: 'Succursale Observée' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-trace-id')).toBe(traceId);
    expect(response.headers.get('traceresponse')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));

    const served = lines(app.log.join('')).find((line) => line.msg === 'request served' && line.trace_id === traceId);
    expect(served).toMatchObject({ method: 'POST', route: '/api/v1/organizations/:orgId/units', status: 201 });

    const row = await pool.query<{ trace_id: string }>(
      `SELECT trace_id FROM outbox WHERE topic = 'projection' AND aggregate_id = $1 ORDER BY id DESC LIMIT 1`,
      [organizationId],
    );
    expect(row.rows[0]?.trace_id).toBe(traceId);

    const applied = await waitFor(
      'the worker applying the row',
      () => lines(workerLog).find((line) => line.msg === 'outbox row applied' && line.trace_id === traceId),
      () => workerOutput(worker),
    );
    expect(applied).toMatchObject({ organization: organizationId, batch_trace_id: traceId, process: 'worker' });
    expect(proxy.traceparents.some((header) => header.startsWith(`00-${traceId}-`))).toBe(true);
  });

  it('/metrics passes promtool, names routes by their template and holds every family, on the API and on the worker', async () => {
    await fetch(`${app.url}/api/v1/organizations/${organizationId}`, { headers: { authorization: `Bearer ${caller.bearer}` } });
    await fetch(`${app.url}/api/v1/organizations/${organizationId}/units/00000000-0000-0000-0000-000000000000`, {
      headers: { authorization: `Bearer ${caller.bearer}` },
    });
    await fetch(`${app.url}/no/such/page/${organizationId}`);
    const text = await (await fetch(`http://127.0.0.1:${metrics.port}/metrics`)).text();
    expect(promtoolCheckMetrics(text)).toEqual({ status: 0, output: '' });
    expect(text).toMatch(
      /^procura_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/api\/v1\/organizations\/:orgId",status="200"\} \d+$/m,
    );
    expect(text).toMatch(/^procura_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/organizations\/:orgId\/units",status="201"\} [1-9]/m);
    expect(text).toMatch(/^procura_http_request_duration_seconds_count\{method="GET",route="\(unmatched\)",status="404"\} [1-9]/m);
    expect(text).not.toContain(organizationId);
    for (const family of [
      'procura_outbox_pending',
      'procura_outbox_oldest_pending_age_seconds',
      'procura_keycloak_calls_total',
      'procura_projection_phase_duration_seconds',
      'procura_notices_pending',
      'procura_notices_failed',
      'procura_console_sessions_active',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
    ]) {
      expect(text, family).toContain(`# TYPE ${family} `);
    }
    expect(text).toMatch(/^procura_outbox_pending\{topic="projection"\} 0$/m);
    expect(text).toMatch(/^procura_outbox_oldest_pending_age_seconds\{topic="notice"\} 0$/m);
    expect(text).toMatch(/^procura_metrics_database_up 1$/m);

    const port = Number(
      (
        await waitFor(
          "the worker's metrics listener",
          () => lines(workerLog).find((line) => line.msg === 'metrics listening'),
          () => workerOutput(worker),
        )
      ).port,
    );
    const workerText = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(promtoolCheckMetrics(workerText)).toEqual({ status: 0, output: '' });
    expect(workerText).toMatch(/^procura_keycloak_calls_total\{kind="write",outcome="ok"\} [1-9]/m);
    expect(workerText).toMatch(/^procura_keycloak_call_duration_seconds_count\{kind="read"\} [1-9]/m);
    expect(workerText).toMatch(/^procura_projection_phase_duration_seconds_count\{run="batch",phase="snapshot"\} [1-9]/m);
    expect(workerText).toMatch(/^procura_outbox_rows_total\{outcome="applied"\} [1-9]/m);
    expect(workerText).toMatch(/^process_resident_memory_bytes \d+/m);

    // Every metric the alert rules and the sample dashboard read is one these processes expose.
    const families = new Set([...`${text}\n${workerText}`.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]!));
    for (const file of ['ops/prometheus/alerts.yml', 'ops/grafana/procura-dashboard.json']) {
      const named = new Set(readFileSync(join(repoRoot, file), 'utf8').match(/\b(?:procura|process|nodejs)_[a-z0-9_]+/g));
      expect(named.size, file).toBeGreaterThan(3);
      for (const name of named) expect(families.has(name) || families.has(name.replace(/_(bucket|sum|count)$/, '')), `${file}: ${name}`).toBe(true);
    }
  });

  it('/metrics is not served by the public listener, which answers 404', async () => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('# TYPE');
  });

  it('/livez answers without asking anything; /readyz and /healthz say the database, the migrations and Keycloak are up', async () => {
    expect(await (await fetch(`${app.url}/livez`)).json()).toEqual({ status: 'up' });
    for (const path of ['/readyz', '/healthz']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'up', database: 'up', migrations: 'up', keycloak: 'up' });
    }
  });

  it('/readyz answers 503 naming the database and the migrations when the database cannot be reached; /livez and /metrics still answer', async () => {
    const closed = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    closed.on('error', () => {});
    const unreachable = await startApp(closed);
    try {
      const response = await fetch(`${unreachable.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'down', database: 'down', migrations: 'down', keycloak: 'up', down: ['database', 'migrations'] });
      expect((await fetch(`${unreachable.url}/healthz`)).status).toBe(503);
      expect((await fetch(`${unreachable.url}/livez`)).status).toBe(200);
      // The scrape still answers, saying it could not read the database's figures.
      const scraped = await startMetricsServer({ host: '127.0.0.1', port: 0 }, { db: closed, logger: createLogger('silent') });
      const text = await (await fetch(`http://127.0.0.1:${scraped.port}/metrics`)).text();
      await scraped.close();
      expect(text).toMatch(/^procura_metrics_database_up 0$/m);
      expect(text).toContain('# TYPE process_resident_memory_bytes ');
    } finally {
      await new Promise((resolve) => unreachable.server.close(resolve));
      await closed.end();
    }
  });

  it("Keycloak's own metrics are on (--metrics-enabled): its management port serves them", async () => {
    const response = await fetch(`${stack().keycloak.managementUrl}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const family of ['http_server_requests_seconds', 'jvm_memory_used_bytes', 'agroal_active_count']) expect(text, family).toContain(`# TYPE ${family} `);
  });

  it('the alert rules are valid and fire on the series they are written for (promtool check rules, test rules)', () => {
    const dir = join(repoRoot, 'ops/prometheus');
    expect(execFileSync('promtool', ['check', 'rules', 'alerts.yml'], { cwd: dir, encoding: 'utf8' })).toContain('SUCCESS');
    expect(execFileSync('promtool', ['test', 'rules', 'alerts.test.yml'], { cwd: dir, encoding: 'utf8' })).toContain('SUCCESS');
  });
});
