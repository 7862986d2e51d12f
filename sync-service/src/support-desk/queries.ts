/**
 * Issue 16 item 6: what the support desk sees of a person found by e-mail — their account, their
 * memberships with organization and role, the mandates they act on as delegates, their pending
 * invitations and their pending change of e-mail. Read-only SQL; the lookup itself is audited by
 * its command (commands.ts).
 */
import { many, maybeOne, type Queryable } from '../db/query.js';
import { pendingEmail } from '../me/store.js';
import { membershipInForce } from '../policy/access.js';

export interface OrganizationRef {
  readonly id: string;
  readonly identifier: string;
  readonly legalName: string;
  readonly type: string;
  readonly status: string;
}

export interface PersonFile {
  readonly id: string;
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  /** The invitation was accepted once: the person has a Keycloak account. */
  readonly activated: boolean;
  readonly memberships: ReadonlyArray<{
    readonly membershipId: string;
    readonly organization: OrganizationRef;
    readonly role: string;
    readonly status: string;
    readonly expiresOn: string | null;
    readonly inForce: boolean;
  }>;
  readonly delegations: ReadonlyArray<{
    readonly mandateId: string;
    readonly fiduciary: OrganizationRef;
    readonly client: OrganizationRef;
    readonly status: string;
    readonly validUntil: string | null;
  }>;
  readonly invitations: ReadonlyArray<{ readonly invitationId: string; readonly organization: OrganizationRef; readonly invitedAt: Date }>;
  readonly pendingEmail: { readonly email: string; readonly expiresAt: Date } | null;
}

const organizationJson = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'identifier', ${alias}.identifier, 'legalName', ${alias}.legal_name, 'type', ${alias}.type, 'status', ${alias}.status)`;

/** The person holding this (normalized) e-mail, with everything the support desk shows; undefined: nobody. */
export async function personFile(db: Queryable, email: string, today: string, now: Date): Promise<PersonFile | undefined> {
  const person = await maybeOne<{ id: string; email: string; givenName: string; familyName: string; activated: boolean }>(
    db,
    `SELECT id, email, given_name AS "givenName", family_name AS "familyName", keycloak_user_id IS NOT NULL AS activated FROM person WHERE email_normalized = lower(btrim($1))`,
    [email],
  );
  if (!person) return undefined;
  // One after the other: a transaction's client runs one query at a time.
  const memberships = await many<PersonFile['memberships'][number]>(
    db,
    `SELECT m.id AS "membershipId", ${organizationJson('o')} AS organization, m.role, m.status, to_char(m.expires_on, 'YYYY-MM-DD') AS "expiresOn", (${membershipInForce('m', '$2')}) AS "inForce"
         FROM membership m JOIN organization o ON o.id = m.organization_id WHERE m.person_id = $1 ORDER BY o.legal_name, o.id`,
    [person.id, today],
  );
  const delegations = await many<PersonFile['delegations'][number]>(
    db,
    `SELECT md.id AS "mandateId", ${organizationJson('f')} AS fiduciary, ${organizationJson('c')} AS client, md.status, to_char(md.valid_until, 'YYYY-MM-DD') AS "validUntil"
         FROM mandate_delegate d JOIN membership m ON m.id = d.membership_id JOIN mandate md ON md.id = d.mandate_id
         JOIN organization f ON f.id = md.fiduciary_id JOIN organization c ON c.id = md.client_id
        WHERE m.person_id = $1 AND md.status IN ('requested', 'active') ORDER BY c.legal_name, md.id`,
    [person.id],
  );
  const invitations = await many<PersonFile['invitations'][number]>(
    db,
    `SELECT i.id AS "invitationId", ${organizationJson('o')} AS organization, i.created_at AS "invitedAt"
         FROM invitation i JOIN organization o ON o.id = i.organization_id
        WHERE i.status = 'pending' AND lower(btrim(i.email)) = $1 ORDER BY i.created_at, i.id`,
    [person.email.trim().toLowerCase()],
  );
  const pending = await pendingEmail(db, person.id, now);
  return { ...person, memberships, delegations, invitations, pendingEmail: pending ?? null };
}
