import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { serviceEnvironment } from '../harness/app.js';
import { cacheDir, repoRoot } from '../harness/paths.js';
import { freePort } from '../harness/ports.js';
import { run } from '../harness/run.js';
import { serviceClientSecret } from '../harness/service-clients.js';
import type { StackInfo } from '../harness/stack.js';
import { percentile } from './results.js';
import { stop, untilReady } from './server-process.js';

export interface DecisionLoad {
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  answers: number;
  errors: string;
  allowed: number;
  refused: number;
}

/**
 * The sync-service as the image runs it (`node sync-service/dist/server.js`, the bundle), in a
 * process of its own, so that the load below does not share its event loop; its log goes to
 * `.cache/logs/test/`.
 */
export async function startBundledService(info: StackInfo): Promise<ChildProcess> {
  await run(process.execPath, ['--import', 'tsx', 'scripts/build-sync-service.ts'], { cwd: repoRoot });
  const env = { ...process.env, ...serviceEnvironment(info), LOG_LEVEL: 'info', PROCURA_METRICS_PORT: String(await freePort()) };
  const server = spawn(process.execPath, [join(repoRoot, 'sync-service/dist/server.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = createWriteStream(join(cacheDir, 'logs', 'test', `bench-authz-service-${server.pid}.log`));
  server.stdout.pipe(logFile);
  server.stderr.pipe(logFile);
  try {
    await untilReady(`${info.publicUrl}/readyz`, server);
  } catch (error) {
    await stop(server);
    throw error;
  }
  return server;
}

/**
 * Questions drawn from the dataset's rights of the employer inbox (`read`, held) and as many
 * no's (`archive` of the same people), sent at `rate` per second for `seconds` whatever the answers'
 * pace (an open load: a slow answer does not slow the next question), after 2 s at the same rate
 * that are not counted. Throughput: answers over the time from the first question to the last answer.
 */
export async function decisionLoad(db: pg.Pool, info: StackInfo, options: { rate: number; seconds: number }): Promise<DecisionLoad> {
  const { rows } = await db.query<{ subject: string; organization: string }>(
    `SELECT p.keycloak_user_id AS subject, o.identifier AS organization
       FROM membership_right r JOIN membership m ON m.id = r.membership_id JOIN person p ON p.id = m.person_id JOIN organization o ON o.id = m.organization_id
      WHERE r.service_id = 'employer-inbox' AND r.unit_id IS NULL AND p.keycloak_user_id IS NOT NULL
        AND o.identifier ~ '^(CHE[0-9]{9}|[0-9]{3,14})$' -- the API's form (the benchmark's own organizations have others)
      ORDER BY random() LIMIT 2000`,
  );
  if (rows.length === 0) throw new Error('no right of the employer inbox in the dataset to ask about');
  const questions = rows.flatMap((row) => [
    { subject: row.subject, organization: row.organization, right: 'read' },
    { subject: row.subject, organization: row.organization, right: 'archive' },
  ]);
  const token = await clientCredentials(info);
  const ask = async (question: object): Promise<{ ms: number; status: number | string; allowed: boolean }> => {
    const started = performance.now();
    try {
      const answer = await fetch(`${info.publicUrl}/api/v1/decisions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(question),
      });
      const body = (await answer.json()) as { allowed?: boolean };
      return { ms: performance.now() - started, status: answer.status, allowed: body.allowed === true };
    } catch (error) {
      return { ms: performance.now() - started, status: (error as Error).name, allowed: false };
    }
  };
  const paced = async (seconds: number) => {
    const total = options.rate * seconds;
    const started = performance.now();
    const pending: Array<Promise<Awaited<ReturnType<typeof ask>>>> = [];
    for (let i = 0; i < total; i++) {
      const wait = started + (i * 1000) / options.rate - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(ask(questions[i % questions.length]!));
    }
    const answers = await Promise.all(pending);
    return { answers, seconds: (performance.now() - started) / 1000 };
  };
  await paced(2);
  const { answers, seconds } = await paced(options.seconds);
  const ok = answers.filter((a) => a.status === 200);
  const errors = new Map<string, number>();
  for (const a of answers) if (a.status !== 200) errors.set(String(a.status), (errors.get(String(a.status)) ?? 0) + 1);
  const latencies = answers.map((a) => a.ms);
  const allowed = ok.filter((a) => a.allowed).length;
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    perSecond: Math.round(ok.length / seconds),
    answers: answers.length,
    errors: errors.size === 0 ? '0' : [...errors].map(([status, n]) => `${n} × ${status}`).join(', '),
    allowed,
    refused: ok.length - allowed,
  };
}

async function clientCredentials(info: StackInfo): Promise<string> {
  const response = await fetch(`${info.keycloak.url}/realms/${info.keycloak.realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'svc-employer-inbox',
      client_secret: await serviceClientSecret(info.keycloak, 'employer-inbox'),
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
