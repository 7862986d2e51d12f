/**
 * Issue 16 item 5 (GDPR art. 17, R18, decision 0047): the erasure of departed people. A person whose
 * last membership ended more than the retention period ago has their data erased, one person per
 * transaction: the person row (names, e-mail, phone, birth date) with what hangs on it (pending
 * e-mail changes, access requests, console sessions), the e-mail and secret answer of the
 * invitations sent to them, the notices sent to them, their names and e-mail in sign-ups, recovery
 * and mandate requests and the decisions they made, and their Keycloak account. The audit trail
 * keeps their pseudonym instead of their e-mail and names, and the erasure itself is audited
 * (`person.erased`, by the system). A person who came back meanwhile is not departed: kept. A person
 * a pending sign-up, recovery or mandate request names is kept until none does. Their e-mail
 * addresses are the ones they held (not those asked for and never confirmed), minus those another
 * person holds today.
 */
import type pg from 'pg';
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import { operatorRole } from '../auth/bearer.js';
import { runCommand, type Actor, type CommandContext } from '../commands/command.js';
import { many, maybeOne, one } from '../db/query.js';
import { createLogger, type Logger } from '../logger.js';
import { startPeriodic, type PeriodicJob } from '../periodic.js';
import { addressesToErase, pseudonym, scrubText, scrubValue, type EmailChange, type Identity } from './rules.js';

export interface ErasureOptions {
  readonly retentionDays: number;
  /** The clock (tests set it). */
  readonly now?: () => Date;
  readonly logger?: Logger;
}

const erasureActor: Actor = { personId: null, label: 'effacement après la durée de conservation' };

/** Erases every person departed longer than the retention period; how many were erased. */
export async function eraseDeparted(pool: pg.Pool, keycloak: KeycloakAdmin, options: ErasureOptions): Promise<number> {
  const logger = options.logger ?? createLogger('silent');
  const before = new Date((options.now ?? (() => new Date()))().getTime() - options.retentionDays * 86_400_000);
  const due = await many<{ id: string }>(pool, 'SELECT id FROM person WHERE departed_at < $1 ORDER BY departed_at LIMIT 500', [before]);
  if (due.length > 0) logger.info({ due: due.length, retentionDays: options.retentionDays }, 'erasing departed people');
  let erased = 0;
  for (const { id } of due) {
    try {
      const outcome = await runCommand(pool, erasureActor, (context) => erasePerson(context, keycloak, id, before));
      if (outcome.erased) {
        erased++;
        logger.info({ personId: id, pseudonym: outcome.erased }, 'departed person erased');
      } else if (outcome.pending) {
        logger.info({ personId: id, pending: outcome.pending }, 'departed person kept: a pending request names them; erased at a later run once none does');
      }
    } catch (error) {
      logger.warn({ err: error, personId: id }, 'erasure failed; retried at the next tick');
    }
  }
  if (due.length > 0) logger.info({ erased, due: due.length }, 'erasure done');
  return erased;
}

/** What became of one due person: erased (their pseudonym), kept while a pending request names them, or no longer due. */
type Outcome = { readonly erased?: string; readonly pending?: readonly string[] };

/**
 * One person, in the command's transaction. No longer due: came back, or an operator. Kept for now:
 * a pending sign-up, recovery or mandate request names them (by e-mail); erasing it would make its
 * approval invite « Personne effacée … », and its approval makes them a member again anyway.
 */
async function erasePerson(context: CommandContext, keycloak: KeycloakAdmin, personId: string, departedBefore: Date): Promise<Outcome> {
  const { tx } = context;
  const person = await maybeOne<{ email: string; givenName: string; familyName: string; keycloakUserId: string | null; departedAt: Date }>(
    tx,
    `SELECT email, given_name AS "givenName", family_name AS "familyName", keycloak_user_id AS "keycloakUserId", departed_at AS "departedAt"
       FROM person WHERE id = $1 AND departed_at < $2 AND NOT EXISTS (SELECT 1 FROM membership WHERE person_id = $1) FOR UPDATE`,
    [personId, departedBefore],
  );
  if (!person) return {};
  if (person.keycloakUserId && (await keycloak.holdsRealmRole(person.keycloakUserId, operatorRole))) {
    await tx.query('UPDATE person SET departed_at = NULL, departed_from = NULL WHERE id = $1', [personId]);
    return {};
  }
  const identity: Identity = {
    emails: await addressesOf(context, personId, person.email),
    names: [`${person.givenName} ${person.familyName}`.trim()].filter((name) => name.includes(' ')),
  };
  const pending = await pendingRequestsNaming(context, identity);
  if (pending.length > 0) return { pending };
  const { key } = await one<{ key: string }>(tx, 'SELECT key FROM pseudonym_key');
  const alias = pseudonym(key, personId);
  await scrubAudit(context, personId, identity, alias);
  await tx.query('UPDATE invitation SET invited_by_label = $2 WHERE invited_by_person_id = $1', [personId, alias]);
  await tx.query('UPDATE invitation SET email = $2, secret_answer_hash = NULL WHERE lower(btrim(email)) = ANY($1::text[])', [identity.emails, alias]);
  await tx.query(`DELETE FROM outbox WHERE topic <> 'projection' AND processed_at IS NOT NULL AND payload::text ILIKE ANY($1::text[])`, [
    likePatterns(identity),
  ]);
  await scrubRecords(context, identity, alias);
  await tx.query('DELETE FROM person WHERE id = $1', [personId]);
  await context.audit({
    organizationId: null,
    action: 'person.erased',
    subjectType: 'person',
    subjectId: personId,
    before: { pseudonym: alias, departedAt: person.departedAt },
    after: null,
  });
  // Last, inside the transaction: when Keycloak fails, nothing is erased and the next tick retries;
  // an account already gone (a commit that failed after it) is no error.
  if (person.keycloakUserId) await keycloak.deleteUser(person.keycloakUserId);
  return { erased: alias };
}

/** The person's addresses to erase (`addressesToErase`): what they held, minus what another person holds today. */
async function addressesOf({ tx }: CommandContext, personId: string, current: string): Promise<string[]> {
  const changes = await many<EmailChange>(
    tx,
    'SELECT old_email AS "oldEmail", new_email AS "newEmail", confirmed_at IS NOT NULL AS confirmed FROM email_change WHERE person_id = $1',
    [personId],
  );
  const named = [current, ...changes.flatMap((change) => [change.oldEmail, change.newEmail])].map((email) => email.trim().toLowerCase());
  const others = await many<{ email: string }>(tx, 'SELECT email_normalized AS email FROM person WHERE id <> $1 AND email_normalized = ANY($2::text[])', [
    personId,
    named,
  ]);
  return addressesToErase(
    current,
    changes,
    others.map((row) => row.email),
  );
}

/** The tables (and their status of a request not yet decided) whose pending rows keep a person they name. */
const pendingStatus = { sign_up: 'pending', recovery_request: 'pending', mandate: 'requested' } as const;

/** The kinds of pending request (`sign_up`, `recovery_request`, `mandate`) that name one of the person's addresses. */
async function pendingRequestsNaming({ tx }: CommandContext, identity: Identity): Promise<string[]> {
  const kinds: string[] = [];
  for (const [table, column] of personColumns) {
    const found = await maybeOne(tx, `SELECT 1 FROM ${table} WHERE status = $2 AND lower(btrim(${column}->>'email')) = ANY($1::text[]) LIMIT 1`, [
      identity.emails,
      pendingStatus[table],
    ]);
    if (found) kinds.push(table);
  }
  return kinds;
}

/** ILIKE patterns of the person's e-mails. */
const likePatterns = (identity: Identity): string[] => identity.emails.map((email) => `%${email.replace(/[\\%_]/g, '\\$&')}%`);

/** The organizations' records that name a person in a JSON column (`{ givenName, familyName, email, … }`). */
const personColumns = [
  ['sign_up', 'representative'],
  ['recovery_request', 'requester'],
  ['mandate', 'client_representative'],
] as const;
/** Who decided, as the audit names an actor (their e-mail, often). */
const deciderColumns = ['sign_up', 'recovery_request', 'mandate', 'access_request'] as const;

/** The sign-ups, recoveries and mandate requests that name the person, and the decisions they made, keep the pseudonym instead. */
async function scrubRecords({ tx }: CommandContext, identity: Identity, alias: string): Promise<void> {
  for (const [table, column] of personColumns) {
    const rows = await many<{ id: string; value: unknown }>(
      tx,
      `SELECT id, ${column} AS value FROM ${table} WHERE lower(btrim(${column}->>'email')) = ANY($1::text[])`,
      [identity.emails],
    );
    for (const row of rows)
      await tx.query(`UPDATE ${table} SET ${column} = $2 WHERE id = $1`, [row.id, JSON.stringify(scrubValue(row.value, identity, alias))]);
  }
  for (const table of deciderColumns) {
    const rows = await many<{ id: string; label: string }>(
      tx,
      `SELECT id, decided_by_label AS label FROM ${table} WHERE decided_by_label ILIKE ANY($1::text[])`,
      [likePatterns(identity)],
    );
    for (const row of rows) await tx.query(`UPDATE ${table} SET decided_by_label = $2 WHERE id = $1`, [row.id, scrubText(row.label, identity, alias)]);
  }
}

/** The audit entries that name the person: their actor label and before/after keep the pseudonym instead. */
async function scrubAudit({ tx }: CommandContext, personId: string, identity: Identity, alias: string): Promise<void> {
  const patterns = likePatterns(identity);
  const entries = await many<{ id: string; actorPersonId: string | null; actorLabel: string; subjectId: string | null; before: unknown; after: unknown }>(
    tx,
    `SELECT id, actor_person_id AS "actorPersonId", actor_label AS "actorLabel", subject_id AS "subjectId", before, after FROM audit_entry
      WHERE actor_person_id = $1 OR subject_id = $1::text OR actor_label ILIKE ANY($2::text[]) OR before::text ILIKE ANY($2::text[]) OR after::text ILIKE ANY($2::text[])`,
    [personId, patterns],
  );
  await tx.query(`SELECT set_config('procura.audit_erasure', 'on', true)`);
  for (const entry of entries) {
    const owned = entry.subjectId === personId;
    const label = entry.actorPersonId === personId ? alias : scrubText(entry.actorLabel, identity, alias);
    await tx.query('UPDATE audit_entry SET actor_label = $2, before = $3, after = $4 WHERE id = $1', [
      entry.id,
      label,
      JSON.stringify(scrubValue(entry.before, identity, alias, owned)),
      JSON.stringify(scrubValue(entry.after, identity, alias, owned)),
    ]);
  }
  await tx.query(`SELECT set_config('procura.audit_erasure', 'off', true)`);
}

/** Ticks every `intervalMs` (default one hour), the first one at once; one instance per tick (decision 0057). */
export function startErasure(pool: pg.Pool, keycloak: KeycloakAdmin, options: ErasureOptions & { readonly intervalMs?: number }): PeriodicJob {
  return startPeriodic(
    () => eraseDeparted(pool, keycloak, options),
    options.intervalMs ?? 60 * 60_000,
    (error) => {
      options.logger?.error({ err: error }, 'erasure failed; retried at the next tick');
    },
    { pool, job: 'erasure' },
  );
}
