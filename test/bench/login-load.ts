import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { KeycloakAdmin } from '@procura/sync-service/keycloak';
import { reconcile } from '@procura/sync-service/projection/reconciler';
import type { StackInfo } from '../harness/stack.js';
import { serviceClientSecret } from '../harness/service-clients.js';
import { signedIn, type GrantClient } from './authz-grants.js';
import { percentile } from './results.js';
import { benchPassword as password } from './dataset.js';

/** What a steady run of logins saw: each login is the password page, the e-mailed code, the code exchanged for tokens. */
export interface LoginFigures {
  readonly logins: number;
  readonly failed: number;
  readonly p50: number;
  readonly p95: number;
  readonly seconds: number;
  /** The first few failures, as the login walk reported them. */
  readonly errors: readonly string[];
}

/**
 * Issue 19 item 2: people of an organization of their own, projected and given a password, who log
 * in to a service while the benchmark makes Keycloak work. Their organization is outside the
 * dataset (its own prefix), so the projection's figures are the dataset's.
 */
export async function loginPeople(db: pg.Pool, keycloak: KeycloakAdmin, count: number): Promise<Array<{ email: string; password: string }>> {
  const organization = randomUUID();
  await db.query(`INSERT INTO organization (id, identifier_kind, identifier, legal_name, type) VALUES ($1, 'affiliate', $2, 'Bench Logins SA', 'employer')`, [
    organization,
    String(Date.now()).slice(-8),
  ]);
  await db.query(`INSERT INTO subscription (organization_id, service_id) VALUES ($1, 'employer-inbox')`, [organization]);
  const people: Array<{ id: string; email: string }> = [];
  for (let i = 0; i < count; i++) {
    const email = `bench-login-${i}-${Date.now()}@example.test`;
    const person = await db.query<{ id: string }>(`INSERT INTO person (email, given_name, family_name) VALUES ($1, 'Bench', 'Login') RETURNING id`, [email]);
    const membership = await db.query<{ id: string }>(
      `INSERT INTO membership (person_id, organization_id, role, status) VALUES ($1, $2, 'member', 'active') RETURNING id`,
      [person.rows[0]!.id, organization],
    );
    await db.query(`INSERT INTO membership_right (membership_id, service_id, right_id) VALUES ($1, 'employer-inbox', 'read')`, [membership.rows[0]!.id]);
    people.push({ id: person.rows[0]!.id, email });
  }
  await reconcile(db, keycloak, { scope: { organizationIds: [organization] } });
  const { rows } = await db.query<{ keycloak_user_id: string }>('SELECT keycloak_user_id FROM person WHERE id = ANY($1::uuid[])', [people.map((p) => p.id)]);
  for (const row of rows) await keycloak.setPassword(row.keycloak_user_id, password, { temporary: false });
  return people.map(({ email }) => ({ email, password }));
}

/**
 * Starts logins at `perSecond`, round robin over `people`, each timed from the first request to the
 * tokens; `stop()` waits for those under way and says what was seen. A login that fails is counted
 * and its message kept, never retried.
 */
export async function steadyLogins(
  info: StackInfo,
  people: ReadonlyArray<{ email: string; password: string }>,
  perSecond: number,
): Promise<{ stop(): Promise<LoginFigures> }> {
  const client: GrantClient = { clientId: 'svc-employer-inbox', secret: await serviceClientSecret(info.keycloak, 'employer-inbox') };
  const durations: number[] = [];
  const errors: string[] = [];
  const running = new Set<Promise<void>>();
  const started = Date.now();
  let next = 0;
  const one = (): void => {
    const person = people[next++ % people.length]!;
    const at = Date.now();
    const login = signedIn(info, client, person).then(
      () => void durations.push(Date.now() - at),
      (error: unknown) => void errors.push(error instanceof Error ? error.message : String(error)),
    );
    const tracked = login.finally(() => running.delete(tracked));
    running.add(tracked);
  };
  one();
  const timer = setInterval(one, 1000 / perSecond);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(running);
      return {
        logins: durations.length + errors.length,
        failed: errors.length,
        p50: percentile(durations, 50),
        p95: percentile(durations, 95),
        seconds: Math.round((Date.now() - started) / 100) / 10,
        errors: errors.slice(0, 3),
      };
    },
  };
}

/** Runs `work` under steady logins: its result, and what the logins saw meanwhile. */
export async function withLogins<T>(
  info: StackInfo,
  people: ReadonlyArray<{ email: string; password: string }>,
  perSecond: number,
  work: () => Promise<T>,
): Promise<{ result: T; logins: LoginFigures }> {
  const load = await steadyLogins(info, people, perSecond);
  try {
    const result = await work();
    return { result, logins: await load.stop() };
  } catch (error) {
    await load.stop();
    throw error;
  }
}

/** One line of the table: count, failures, p50 / p95. */
export function describeLogins(figures: LoginFigures): string {
  const failures = figures.failed === 0 ? '0 failed' : `**${figures.failed} failed** (${figures.errors.join('; ')})`;
  return `${figures.logins} logins in ${figures.seconds} s, ${failures}, p50 ${figures.p50} ms, p95 ${figures.p95} ms`;
}
