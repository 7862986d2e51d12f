import type pg from 'pg';
import { databaseError } from '../db/errors.js';
import { withTransaction } from '../db/transaction.js';
import { insertNotice, noticeChannel, noticesCommitted, type Notice } from '../notices/outbox.js';
import { currentTrace } from '../observability/trace.js';
import { checkOrganizationOpen, type OrganizationStatus } from '../organizations/rules.js';
import { enforce } from './refusals.js';

/** Who acts: a person (by id) or the system (imports, scheduler, operator tools). */
export interface Actor {
  readonly personId: string | null;
  /** How the audit trail names the actor, kept even after the person is deleted (R18, R32). */
  readonly label: string;
  /** R31: one of the operator's staff (realm role `procura-operator` in the caller's token), acting for the platform. */
  readonly operator?: boolean;
}

/** The platform acts (the operator's staff, or the system: imports, the registry, the seed), not a person of the organization. */
export const actsForPlatform = (actor: Actor): boolean => actor.personId === null || actor.operator === true;

export interface AuditEntry {
  readonly organizationId: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface CommandContext {
  readonly tx: pg.PoolClient;
  readonly actor: Actor;
  /** R32: who, when, what, for which organization, before and after. */
  readonly audit: (entry: AuditEntry) => Promise<void>;
  /** Asks for these organizations' whole Keycloak projection once the transaction commits. */
  readonly project: (...organizationIds: string[]) => void;
  /**
   * Asks for the projection of these people only, in these organizations: for a change that only
   * touches their memberships, roles, rights, delegations or names (decision 0018). The worker then
   * compares the groups they are or must be in, not every group of the organizations.
   */
  readonly projectPeople: (organizationIds: readonly string[], personIds: readonly string[]) => void;
  /** R28: an e-mail to send once the transaction commits, written into the outbox with the change (notices/). */
  readonly notify: (notice: Notice) => Promise<void>;
}

/** The channel the outbox worker listens on, so a commit propagates without waiting for a poll. */
export const outboxChannel = 'procura_outbox';

/**
 * Runs a domain command: its rule checks and model writes, its audit entries and its outbox rows
 * in ONE transaction, so that Keycloak's projection can never miss a committed change, nor see one
 * that was rolled back. A refusal thrown by `work` rolls everything back; PostgreSQL's constraint
 * violations come out as the typed errors of `db/errors.ts`.
 */
export async function runCommand<T>(pool: pg.Pool, actor: Actor, work: (context: CommandContext) => Promise<T>): Promise<T> {
  const notices: string[] = [];
  try {
    const result = await inTransaction(pool, actor, notices, work);
    noticesCommitted(notices);
    return result;
  } catch (error) {
    throw databaseError(error);
  }
}

/** A domain command: called with a pool it runs in a transaction of its own (`runCommand`). */
export interface Command<Input, Output> {
  (pool: pg.Pool, actor: Actor, input: Input): Promise<Output>;
  /** The same command inside a command already running (the demo seed writes its world in one). */
  readonly within: (context: CommandContext, input: Input) => Promise<Output>;
}

/** Makes a command from its core, which checks the rules, writes, audits and asks for projection. */
export function defineCommand<Input, Output>(core: (context: CommandContext, input: Input) => Promise<Output>): Command<Input, Output> {
  const run = (pool: pg.Pool, actor: Actor, input: Input) => runCommand(pool, actor, (context) => core(context, input));
  return Object.assign(run, { within: core });
}

async function inTransaction<T>(pool: pg.Pool, actor: Actor, notices: string[], work: (context: CommandContext) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (tx) => {
    const toProject = new Set<string>();
    const peopleToProject = new Map<string, Set<string>>();
    const context: CommandContext = {
      tx,
      actor,
      audit: async (entry) => {
        if (entry.organizationId !== null && !writableWhenClosed.has(entry.action)) enforce(checkOrganizationOpen(await statusOf(tx, entry.organizationId)));
        await tx.query(
          `INSERT INTO audit_entry (actor_person_id, actor_label, organization_id, action, subject_type, subject_id, before, after)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [actor.personId, actor.label, entry.organizationId, entry.action, entry.subjectType, entry.subjectId, json(entry.before), json(entry.after)],
        );
      },
      project: (...organizationIds) => organizationIds.forEach((id) => toProject.add(id)),
      projectPeople: (organizationIds, personIds) => {
        for (const id of organizationIds) personIds.forEach((personId) => peopleToProject.set(id, (peopleToProject.get(id) ?? new Set()).add(personId)));
      },
      notify: async (notice) => {
        if (notice.to.length > 0) notices.push(await insertNotice(tx, notice));
      },
    };
    const result = await work(context);
    if (notices.length > 0) await tx.query(`SELECT pg_notify($1, '')`, [noticeChannel]);
    await writeOutbox(tx, toProject, peopleToProject);
    return result;
  });
}

/**
 * One outbox row per organization: payload `{}` asks for its whole projection, `{"people": [...]}`
 * for those people's groups only. A whole projection asked in the same command covers the people.
 */
async function writeOutbox(tx: pg.PoolClient, whole: Set<string>, people: Map<string, Set<string>>): Promise<void> {
  const rows = [...whole].map((id) => ({ id, payload: {} }));
  for (const [id, personIds] of people) if (!whole.has(id)) rows.push({ id, payload: { people: [...personIds].sort() } });
  if (rows.length === 0) return;
  // Issue 18 item 3: the request's trace id, logged by the worker that applies the row.
  await tx.query(
    `INSERT INTO outbox (topic, aggregate_id, payload, trace_id) SELECT 'projection', u.id, u.payload, $3 FROM unnest($1::text[], $2::jsonb[]) AS u (id, payload)`,
    [rows.map((row) => row.id), rows.map((row) => JSON.stringify(row.payload)), currentTrace()?.traceId ?? null],
  );
  await tx.query(`SELECT pg_notify($1, '')`, [outboxChannel]);
}

/** The audit actions of the voiding (organizations/closure.ts), written on a closed organization. */
const voidingActions = ['invitation.voided', 'mandate.voided', 'access_request.voided'] as const;

/**
 * Issue 14 item 9 (R11): THE guard of closed and suspended organizations. Every write on an
 * organization is audited with it (R32), so refusing the audit entry refuses, and rolls back, any
 * command that writes a closed or suspended organization: a manager's, a fiduciary's on its client,
 * an import's. Only the status itself, the registry's re-keying and the closure's voiding go through.
 * The API refuses the same earlier, before the command runs (routes.ts).
 */
const writableWhenClosed: ReadonlySet<string> = new Set(['organization.status_set', 'organization.rekeyed', ...voidingActions]);

async function statusOf(tx: pg.PoolClient, organizationId: string): Promise<OrganizationStatus> {
  const { rows } = await tx.query<{ status: OrganizationStatus }>('SELECT status FROM organization WHERE id = $1', [organizationId]);
  return rows[0]?.status ?? 'active';
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
