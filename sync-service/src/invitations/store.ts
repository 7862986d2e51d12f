import { many, maybeOne, one, type Queryable } from '../db/query.js';
import type { MandateChoice } from '../mandates/attach.js';
import type { InvitationStatus, LinkState } from './rules.js';

/** Invitations and their links, for the commands and the API's reads. */

export interface InvitationRow {
  readonly id: string;
  readonly organizationId: string;
  readonly membershipId: string | null;
  readonly email: string;
  readonly status: InvitationStatus;
  readonly invitedByPersonId: string | null;
  readonly invitedByLabel: string;
  readonly secretAnswerHash: string | null;
  /** Issue 16 item 3: the question of the secret answer. */
  readonly secretQuestion: string | null;
  readonly failedAttempts: number;
  /** Issue 16 item 9: the invitation whose link the e-mail carries, when this one is part of it (decision 0050). */
  readonly bundleId: string | null;
}

/** What a token finds: its link, its invitation, the person and the organization it is for. */
export interface TokenTarget extends InvitationRow, LinkState {
  readonly personId: string | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly keycloakUserId: string | null;
  readonly role: string | null;
  readonly organizationName: string;
  readonly mailSecurityKeyHash: string | null;
  /** The inviting manager's names, else how the audit named them. */
  readonly inviterName: string;
}

const columns = `i.id, i.organization_id AS "organizationId", i.membership_id AS "membershipId", i.email, i.status,
  i.invited_by_person_id AS "invitedByPersonId", i.invited_by_label AS "invitedByLabel", i.secret_answer_hash AS "secretAnswerHash", i.secret_question AS "secretQuestion",
  i.failed_attempts AS "failedAttempts", i.bundle_id AS "bundleId"`;

export async function insertInvitation(
  db: Queryable,
  invitation: Omit<InvitationRow, 'id' | 'status' | 'failedAttempts' | 'bundleId'> & { readonly bundleId?: string | null },
): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    `INSERT INTO invitation (organization_id, membership_id, email, invited_by_person_id, invited_by_label, secret_answer_hash, secret_question, bundle_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      invitation.organizationId,
      invitation.membershipId,
      invitation.email,
      invitation.invitedByPersonId,
      invitation.invitedByLabel,
      invitation.secretAnswerHash,
      invitation.secretQuestion,
      invitation.bundleId ?? null,
    ],
  );
  return row.id;
}

/** R17: a new link; the ones before it are voided (a replayed old link then says it was replaced). */
export async function replaceLink(db: Queryable, invitationId: string, sha256: string, expiresAt: Date): Promise<void> {
  await db.query('UPDATE invitation_link SET voided_at = now() WHERE invitation_id = $1 AND voided_at IS NULL', [invitationId]);
  await db.query('INSERT INTO invitation_link (token_sha256, invitation_id, expires_at) VALUES ($1, $2, $3)', [sha256, invitationId, expiresAt]);
  await db.query('UPDATE invitation SET failed_attempts = 0 WHERE id = $1', [invitationId]);
}

/** The invitation, its row locked until the transaction ends. */
export function lockInvitation(db: Queryable, id: string): Promise<InvitationRow | undefined> {
  return maybeOne<InvitationRow>(db, `SELECT ${columns} FROM invitation i WHERE i.id = $1 FOR UPDATE`, [id]);
}

/** Issue 16 item 9: SQL, whether another organization of invitation `i`'s link still takes the person in (pending, organization active). */
const bundleMembership = `coalesce(i.membership_id, (SELECT b.membership_id FROM invitation b WHERE b.bundle_id = i.id AND b.status = 'pending' AND b.membership_id IS NOT NULL ORDER BY b.created_at, b.id LIMIT 1))`;
const bundleLive = `EXISTS (SELECT 1 FROM invitation b JOIN organization bo ON bo.id = b.organization_id WHERE b.bundle_id = i.id AND b.status = 'pending' AND bo.status = 'active')`;

/**
 * What a link's token finds (its invitation locked when `lock`), or nothing. A link of several
 * organizations (decision 0050) works while one of them still takes the person in: its state is
 * then the first organization's, or, that one closed, suspended or its part revoked, the bundle's; the person is the
 * one invited, whichever membership still stands.
 */
export function findByToken(db: Queryable, sha256: string, options: { lock: boolean }): Promise<TokenTarget | undefined> {
  return maybeOne<TokenTarget>(
    db,
    `SELECT ${columns.replace('i.status,', `CASE WHEN i.status IN ('voided', 'revoked') AND ${bundleLive} THEN 'pending' ELSE i.status END AS status,`).replace('i.membership_id AS', `${bundleMembership} AS`)},
            l.expires_at AS "expiresAt", l.voided_at AS "voidedAt",
            p.id AS "personId", coalesce(p.given_name, '') AS "givenName", coalesce(p.family_name, '') AS "familyName",
            p.keycloak_user_id AS "keycloakUserId", m.role, o.legal_name AS "organizationName",
            CASE WHEN o.status <> 'active' AND ${bundleLive} THEN 'active' ELSE o.status END AS "organizationStatus", o.mail_security_key_hash AS "mailSecurityKeyHash",
            coalesce(nullif(btrim(ip.given_name || ' ' || ip.family_name), ''), i.invited_by_label) AS "inviterName"
       FROM invitation_link l
       JOIN invitation i ON i.id = l.invitation_id
       JOIN organization o ON o.id = i.organization_id
       LEFT JOIN membership m ON m.id = ${bundleMembership}
       LEFT JOIN person p ON p.id = m.person_id
       LEFT JOIN person ip ON ip.id = i.invited_by_person_id
      WHERE l.token_sha256 = $1
      ${options.lock ? 'FOR UPDATE OF i' : ''}`,
    [sha256],
  );
}

export async function markDecided(db: Queryable, id: string, status: Exclude<InvitationStatus, 'pending'>): Promise<void> {
  // Only a pending one is decided: one voided by a closure meanwhile stays voided.
  await db.query(`UPDATE invitation SET status = $2, decided_at = now() WHERE id = $1 AND status = 'pending'`, [id, status]);
}

/**
 * R16, issue 14 item 11: one try at the link's secrets, claimed before they are compared and
 * committed at once (outside the acceptance's transaction), so that parallel tries cannot compare
 * more than `max`: the count after the claim, or undefined when the tries are used up.
 */
export async function claimAttempt(db: Queryable, id: string, max: number): Promise<number | undefined> {
  const { rows } = await db.query<{ n: number }>(
    'UPDATE invitation SET failed_attempts = failed_attempts + 1 WHERE id = $1 AND failed_attempts < $2 RETURNING failed_attempts AS n',
    [id, max],
  );
  return rows[0]?.n;
}

/** Gives back a claimed try that was not a wrong answer (the secrets matched, or the request failed before comparing them). */
export async function refundAttempt(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE invitation SET failed_attempts = GREATEST(failed_attempts - 1, 0) WHERE id = $1', [id]);
}

export async function setPersonAccount(db: Queryable, personId: string, keycloakUserId: string): Promise<void> {
  await db.query('UPDATE person SET keycloak_user_id = $2 WHERE id = $1 AND keycloak_user_id IS DISTINCT FROM $2', [personId, keycloakUserId]);
}

/** Issue 16 item 3: the names the person gave at activation. */
export async function setPersonNames(db: Queryable, personId: string, names: { readonly givenName: string; readonly familyName: string }): Promise<void> {
  await db.query('UPDATE person SET given_name = $2, family_name = $3 WHERE id = $1', [personId, names.givenName, names.familyName]);
}

export interface PendingInvitation {
  readonly id: string;
  readonly membershipId: string;
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly role: string;
  readonly invitedBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly linkExpired: boolean;
  /** Issue 16 item 9: the other organizations the same invitation (one link) is for. */
  readonly alsoFor: string[];
}

const pendingColumns = `i.id, i.membership_id AS "membershipId", p.email, p.given_name AS "givenName", p.family_name AS "familyName", m.role,
  i.invited_by_label AS "invitedBy", to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  to_char(l.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "expiresAt", l.expires_at <= $2 AS "linkExpired",
  ARRAY(SELECT bo.legal_name FROM invitation b JOIN organization bo ON bo.id = b.organization_id
         WHERE coalesce(b.bundle_id, b.id) = coalesce(i.bundle_id, i.id) AND b.id <> i.id AND b.status = 'pending' ORDER BY b.created_at, b.id) AS "alsoFor"`;
const pendingFrom = `invitation i JOIN invitation_link l ON l.invitation_id = coalesce(i.bundle_id, i.id) AND l.voided_at IS NULL
  JOIN membership m ON m.id = i.membership_id JOIN person p ON p.id = m.person_id`;

/** Issue 16 item 9: the organizations of the other parts, still pending, of the invitation `id` (one link): none for an invitation of one organization. */
export async function otherPendingOrganizations(db: Queryable, id: string): Promise<string[]> {
  const rows = await many<{ organizationId: string }>(
    db,
    `SELECT b.organization_id AS "organizationId" FROM invitation i JOIN invitation b ON coalesce(b.bundle_id, b.id) = coalesce(i.bundle_id, i.id)
      WHERE i.id = $1 AND b.id <> i.id AND b.status = 'pending' ORDER BY b.created_at, b.id`,
    [id],
  );
  return rows.map((row) => row.organizationId);
}

/** R17: the organization's pending invitations, oldest first, those whose link expired marked. */
export function listPending(db: Queryable, organizationId: string, now: Date): Promise<PendingInvitation[]> {
  return many<PendingInvitation>(
    db,
    `SELECT ${pendingColumns} FROM ${pendingFrom} WHERE i.organization_id = $1 AND i.status = 'pending' ORDER BY i.created_at, i.id`,
    [organizationId, now],
  );
}

export function readPending(db: Queryable, organizationId: string, id: string, now: Date): Promise<PendingInvitation | undefined> {
  return maybeOne<PendingInvitation>(db, `SELECT ${pendingColumns} FROM ${pendingFrom} WHERE i.organization_id = $1 AND i.id = $3`, [organizationId, now, id]);
}

export function organizationKeyHash(db: Queryable, organizationId: string): Promise<{ legalName: string; mailSecurityKeyHash: string | null } | undefined> {
  return maybeOne(db, 'SELECT legal_name AS "legalName", mail_security_key_hash AS "mailSecurityKeyHash" FROM organization WHERE id = $1', [organizationId]);
}

/** Issue 16 item 9: one organization of an invitation's link (the first one, or one of the others). */
export interface BundlePart {
  readonly invitationId: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly organizationStatus: 'active' | 'suspended' | 'closed';
  readonly status: InvitationStatus;
  readonly membershipId: string | null;
  readonly role: string | null;
  readonly email: string;
  /** R16 (Geneva): the organization's mail security key, hashed, when it has one. */
  readonly mailSecurityKeyHash: string | null;
}

/** Every organization of the link of invitation `leadId`, the first one first (decision 0050). */
export function bundleParts(db: Queryable, leadId: string, { lock = false }: { lock?: boolean } = {}): Promise<BundlePart[]> {
  // Locked (acceptance, revocation): a closure voiding a part meanwhile (it updates the rows) is waited for, and its part seen voided.
  return many<BundlePart>(
    db,
    `
    SELECT i.id AS "invitationId", i.organization_id AS "organizationId", o.legal_name AS "organizationName", o.status AS "organizationStatus",
           i.status, i.membership_id AS "membershipId", m.role, i.email, o.mail_security_key_hash AS "mailSecurityKeyHash"
      FROM invitation i JOIN organization o ON o.id = i.organization_id LEFT JOIN membership m ON m.id = i.membership_id
     WHERE i.id = $1 OR i.bundle_id = $1
     ORDER BY i.bundle_id IS NOT NULL, i.created_at, i.id${lock ? ' FOR UPDATE OF i' : ''}`,
    [leadId],
  );
}

/** Issue 16 item 7: the mandates chosen for the person at invitation `invitationId`, with the delegate rights on each. */
export async function insertInvitationMandates(db: Queryable, invitationId: string, choices: readonly MandateChoice[]): Promise<void> {
  for (const choice of choices) {
    await db.query('INSERT INTO invitation_mandate (invitation_id, mandate_id, rights) VALUES ($1, $2, $3)', [
      invitationId,
      choice.mandateId,
      JSON.stringify(choice.rights),
    ]);
  }
}

export function invitationMandates(db: Queryable, invitationId: string): Promise<MandateChoice[]> {
  return many<MandateChoice>(db, 'SELECT mandate_id AS "mandateId", rights FROM invitation_mandate WHERE invitation_id = $1 ORDER BY mandate_id', [
    invitationId,
  ]);
}

/** Issue 16 item 7: what the activation page shows of the chosen mandates: each client, the rights chosen. */
export function chosenMandates(
  db: Queryable,
  invitationIds: readonly string[],
): Promise<Array<{ clientName: string; rights: Array<{ serviceId: string; rightId: string }> }>> {
  return many(
    db,
    `
    SELECT coalesce(c.legal_name, md.client_legal_name, '') AS "clientName", im.rights
      FROM invitation_mandate im JOIN mandate md ON md.id = im.mandate_id LEFT JOIN organization c ON c.id = md.client_id
     WHERE im.invitation_id = ANY($1::uuid[]) AND md.status = 'active'
     ORDER BY 1`,
    [invitationIds],
  );
}

/** The clients of mandates `ids`, by name (what an acceptance tells the person it left out). */
export async function mandateClientNames(db: Queryable, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (
    await many<{ name: string }>(
      db,
      `SELECT coalesce(c.legal_name, md.client_legal_name, '') AS name FROM mandate md LEFT JOIN organization c ON c.id = md.client_id WHERE md.id = ANY($1::uuid[]) ORDER BY 1`,
      [ids],
    )
  ).map((row) => row.name);
}
