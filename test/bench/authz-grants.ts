import { readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { StackInfo } from '../harness/stack.js';
import { CookieJar, signInThroughKeycloak } from '../helpers/browserless.js';
import { waitForLoginCode } from '../helpers/mail.js';
import { percentile } from './results.js';

/** A client of the realm a benchmark signs in to, with its secret. */
export interface GrantClient {
  readonly clientId: string;
  readonly secret: string;
}

/** A signed-in session of one person on one client: its refresh token (Keycloak does not rotate it by default). */
export interface GrantSession {
  readonly client: GrantClient;
  readonly refreshToken: string;
  readonly accessToken: string;
}

export interface GrantStats {
  readonly grants: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly accessToken: string;
}

const tokenEndpoint = (info: StackInfo): string => `${info.keycloak.url}/realms/${info.keycloak.realm}/protocol/openid-connect/token`;
const callers = 8;

/** A login through Keycloak's pages (password, then the e-mailed code), and the code exchanged for tokens. */
export async function signedIn(info: StackInfo, client: GrantClient, login: { email: string; password: string }): Promise<GrantSession> {
  const redirectUri = `${info.publicUrl}/services/employer-inbox/callback`;
  const url = `${info.keycloak.url}/realms/${info.keycloak.realm}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: client.clientId, response_type: 'code', scope: 'openid', redirect_uri: redirectUri, state: randomBytes(8).toString('hex'), code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' }).toString()}`;
  const callback = await signInThroughKeycloak(new CookieJar(), url, redirectUri, login, {
    readCode: (reference: string) => waitForLoginCode(login.email, reference, 15_000, info.mail.webUrl),
  });
  const code = new URL(callback).searchParams.get('code')!;
  const answer = await grant(info, client, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  });
  if (!answer.refresh_token || !answer.access_token) throw new Error(`no refresh token for ${client.clientId}: ${JSON.stringify(answer)}`);
  return { client, refreshToken: answer.refresh_token, accessToken: answer.access_token };
}

async function grant(
  info: StackInfo,
  client: GrantClient,
  body: Record<string, string>,
): Promise<{ access_token?: string; refresh_token?: string; error?: string }> {
  const response = await fetch(tokenEndpoint(info), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: client.clientId, client_secret: client.secret, ...body }),
  });
  return (await response.json()) as { access_token?: string; refresh_token?: string; error?: string };
}

async function refreshed(info: StackInfo, session: GrantSession): Promise<string> {
  const answer = await grant(info, session.client, { grant_type: 'refresh_token', refresh_token: session.refreshToken });
  if (!answer.access_token) throw new Error(`refresh refused for ${session.client.clientId}: ${JSON.stringify(answer)}`);
  return answer.access_token;
}

/** `callers` refresh grants in parallel, each sent when the previous answered, for `seconds`. */
async function burst(info: StackInfo, session: GrantSession, seconds: number): Promise<{ latencies: number[]; elapsedMs: number; accessToken: string }> {
  const latencies: number[] = [];
  let accessToken = session.accessToken;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < until) {
        const sent = performance.now();
        accessToken = await refreshed(info, session);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started, accessToken };
}

/**
 * Refresh grants of two sessions of one person, side by side in the same run: a warm-up of each
 * (not counted), then `rounds` rounds in which both take turns (ABBA…, so that neither always
 * meets the machine's load first), `seconds` in all for each. Rates are grants over the time
 * measured, latencies every grant's.
 */
export async function compareGrants(
  info: StackInfo,
  sessions: readonly [GrantSession, GrantSession],
  options: { seconds: number; rounds: number; warmUpSeconds: number },
): Promise<[GrantStats, GrantStats]> {
  for (const session of sessions) await burst(info, session, options.warmUpSeconds);
  const totals = sessions.map(() => ({ latencies: [] as number[], elapsedMs: 0, accessToken: '' }));
  for (let round = 0; round < options.rounds; round++) {
    for (const index of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const result = await burst(info, sessions[index]!, options.seconds / options.rounds);
      const total = totals[index]!;
      total.latencies.push(...result.latencies);
      total.elapsedMs += result.elapsedMs;
      total.accessToken = result.accessToken;
    }
  }
  const stats = ({ latencies, elapsedMs, accessToken }: (typeof totals)[number]): GrantStats => ({
    grants: latencies.length,
    perSecond: Math.round((latencies.length / elapsedMs) * 10_000) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    accessToken,
  });
  return [stats(totals[0]!), stats(totals[1]!)];
}

/**
 * Table accesses (sequential plus index scans, PostgreSQL's statistics) on Keycloak's tables per
 * refresh grant, over `grants` grants one at a time: a measure of the queries a token costs.
 * PostgreSQL publishes a connection's counts when it has been idle up to 10 s: hence the waits.
 */
export async function tableScansPerGrant(db: pg.Pool, info: StackInfo, session: GrantSession, grants: number): Promise<{ perGrant: number; tables: string }> {
  const counts = async () =>
    new Map(
      (
        await db.query<{ relname: string; scans: string }>(
          `SELECT relname, seq_scan + coalesce(idx_scan, 0) AS scans FROM pg_stat_user_tables WHERE schemaname = 'keycloak'`,
        )
      ).rows.map((row) => [row.relname, Number(row.scans)]),
    );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 11_000));
  await settle();
  const before = await counts();
  for (let i = 0; i < grants; i++) await refreshed(info, session);
  await settle();
  const after = await counts();
  const perTable = [...after]
    .map(([table, scans]) => [table, (scans - (before.get(table) ?? 0)) / grants] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const perGrant = perTable.reduce((sum, [, n]) => sum + n, 0);
  return {
    perGrant: Math.round(perGrant * 10) / 10,
    tables: perTable
      .slice(0, 4)
      .map(([table, n]) => `${table} ${Math.round(n * 10) / 10}`)
      .join(', '),
  };
}

/** Where Keycloak's log ends now: `mapperWork` reads the lines written after it. */
export const logOffset = (file: string): number => statSync(file).size;

/**
 * The organizations mapper's own account of its work (its DEBUG line per token): groups read
 * and microseconds, over the lines Keycloak wrote since `offset`.
 */
export function mapperWork(
  file: string,
  offset: number,
): { tokens: number; p50Us: number; p95Us: number; cpuP50Us: number; groups: number; entries: number; complete: string } | undefined {
  const text = readFileSync(file).subarray(offset).toString('utf8');
  const lines = [...text.matchAll(/claim \S+ for client \S+: (\d+) groups read, (\d+) entries, complete (\w+), (\d+) us, cpu (\d+) us/g)];
  if (lines.length === 0) return undefined;
  const last = lines[lines.length - 1]!;
  const us = lines.map((line) => Number(line[4]));
  return {
    tokens: lines.length,
    p50Us: percentile(us, 50),
    p95Us: percentile(us, 95),
    cpuP50Us: percentile(
      lines.map((line) => Number(line[5])),
      50,
    ),
    groups: Number(last[1]),
    entries: Number(last[2]),
    complete: last[3]!,
  };
}
