import { many, maybeOne, type Queryable } from '../db/query.js';
import { businessDay } from '../domain/business-day.js';
import { isOpen, type Period } from '../services/rules.js';
import type { ServiceRight } from '../domain/rights.js';
import { isOpen as isOpenMandate } from './rules.js';

/** Reads of mandates for the API: an organization's, on either side (R25, R27), and the operator's queue (R31). */

export interface MandateView {
  readonly id: string;
  /** The asking organization's side: `fiduciary` (it acts for the client) or `client`. */
  readonly side: 'fiduciary' | 'client';
  readonly status: 'requested' | 'active' | 'rejected' | 'ended';
  readonly fiduciary: { id: string; identifier: string; legalName: string };
  readonly client: { id: string | null; identifier: string; legalName: string };
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  readonly requestedAt: string;
  readonly decisionReason: string | null;
  readonly delegates: Array<{ membershipId: string; email: string; rights: ServiceRight[] }>;
  /** The services the mandate covers; null: every service of the client. */
  readonly services: string[] | null;
  /**
   * R25, R15: the services the CLIENT subscribes to today, the only ones whose rights a delegate may
   * get (sorted ids); none while it is not registered, nor once the mandate is rejected or ended
   * (R27: the fiduciary has no standing left to learn them).
   */
  readonly clientServices: string[];
}

const party = (alias: string) => `jsonb_build_object('id', ${alias}.id, 'identifier', ${alias}.identifier, 'legalName', ${alias}.legal_name)`;
/** The client: its organization, or, while a request names one the platform does not have yet, what the registry says (R24, R11; `id` null). */
const client = `jsonb_build_object('id', c.id, 'identifier', COALESCE(c.identifier, md.client_identifier), 'legalName', COALESCE(c.legal_name, md.client_legal_name))`;

/** R25, R27: every mandate of the organization, as fiduciary or as client, newest first, with its delegates and their rights, and what the client subscribes to. */
export async function mandatesOf(db: Queryable, organizationId: string): Promise<MandateView[]> {
  const mandates = await many<Omit<MandateView, 'clientServices'>>(
    db,
    `SELECT md.id, CASE WHEN md.fiduciary_id = $1 THEN 'fiduciary' ELSE 'client' END AS side, md.status,
            ${party('f')} AS fiduciary, ${client} AS client,
            to_char(md.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(md.valid_until, 'YYYY-MM-DD') AS "validUntil",
            to_char(md.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "requestedAt", md.decision_reason AS "decisionReason", md.services,
            COALESCE((SELECT jsonb_agg(jsonb_build_object('membershipId', d.membership_id, 'email', p.email,
                        'rights', COALESCE((SELECT jsonb_agg(jsonb_build_object('serviceId', r.service_id, 'rightId', r.right_id) ORDER BY r.service_id, r.right_id)
                                              FROM mandate_delegate_right r WHERE r.mandate_id = d.mandate_id AND r.membership_id = d.membership_id), '[]'::jsonb))
                        ORDER BY p.email_normalized)
                        FROM mandate_delegate d JOIN membership m ON m.id = d.membership_id JOIN person p ON p.id = m.person_id
                       WHERE d.mandate_id = md.id), '[]'::jsonb) AS delegates
       FROM mandate md JOIN organization f ON f.id = md.fiduciary_id LEFT JOIN organization c ON c.id = md.client_id
      WHERE md.fiduciary_id = $1 OR md.client_id = $1
      ORDER BY md.created_at DESC, md.id`,
    [organizationId],
  );
  const subscribed = await servicesSubscribedBy(
    db,
    mandates.map((m) => m.client.id).filter((id): id is string => id !== null),
    businessDay(),
  );
  const covered = (m: Omit<MandateView, 'clientServices'>, services: string[]) =>
    m.services === null ? services : services.filter((id) => m.services!.includes(id));
  return mandates.map((m) => ({
    ...m,
    clientServices: covered(m, (m.client.id === null || !isOpenMandate(m) ? undefined : subscribed.get(m.client.id)) ?? []),
  }));
}

/** R15: per organization, the services it subscribes to on `today` (the rule of `isOpen`), sorted. */
async function servicesSubscribedBy(db: Queryable, organizationIds: readonly string[], today: string): Promise<Map<string, string[]>> {
  const rows = await many<Period & { organizationId: string; serviceId: string }>(
    db,
    `SELECT organization_id AS "organizationId", service_id AS "serviceId", to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn"
       FROM subscription WHERE organization_id = ANY($1::uuid[]) ORDER BY service_id`,
    [[...new Set(organizationIds)]],
  );
  const services = new Map<string, string[]>();
  for (const row of rows.filter((r) => isOpen(r, today))) services.set(row.organizationId, [...(services.get(row.organizationId) ?? []), row.serviceId]);
  return services;
}

export interface PendingMandate {
  readonly id: string;
  readonly fiduciary: { id: string; identifier: string; legalName: string };
  readonly client: { id: string | null; identifier: string; legalName: string };
  /** The day it was filed, in the platform's time zone: the deadline counts from it. */
  readonly requestedOn: string;
  readonly requestedAt: string;
  readonly validUntil: string | null;
  /** The document filed through the API; a request made otherwise (an import) has only its reference and digest. */
  readonly powerOfAttorney: {
    documentId: string | null;
    ref: string;
    filename: string | null;
    mediaType: string | null;
    byteSize: number | null;
    sha256: string;
  };
  readonly clientRepresentative: { givenName: string; familyName: string; email: string } | null;
  /** The services the mandate covers; null: every service of the client. */
  readonly services: string[] | null;
}

/** R24, R31: the mandates awaiting the operator's decision, oldest first. */
export function pendingMandates(db: Queryable): Promise<PendingMandate[]> {
  return many<PendingMandate>(
    db,
    `SELECT md.id, ${party('f')} AS fiduciary, ${client} AS client,
            to_char(md.created_at AT TIME ZONE 'Europe/Zurich', 'YYYY-MM-DD') AS "requestedOn",
            to_char(md.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "requestedAt",
            to_char(md.valid_until, 'YYYY-MM-DD') AS "validUntil",
            jsonb_build_object('documentId', doc.id, 'ref', md.power_of_attorney_ref, 'filename', doc.filename, 'mediaType', doc.media_type, 'byteSize', doc.byte_size, 'sha256', md.power_of_attorney_sha256) AS "powerOfAttorney",
            md.client_representative AS "clientRepresentative", md.services
       FROM mandate md JOIN organization f ON f.id = md.fiduciary_id LEFT JOIN organization c ON c.id = md.client_id
       LEFT JOIN document doc ON 'document:' || doc.id::text = md.power_of_attorney_ref
      WHERE md.status = 'requested'
      ORDER BY md.created_at, md.id`,
  );
}

/** What the notices of a decision need (R24, R27, R28). */
export function mandateParties(
  db: Queryable,
  mandateId: string,
): Promise<{ fiduciaryId: string; fiduciaryName: string; clientId: string | null; clientName: string; reason: string | null } | undefined> {
  return maybeOne(
    db,
    `SELECT f.id AS "fiduciaryId", f.legal_name AS "fiduciaryName", c.id AS "clientId", COALESCE(c.legal_name, md.client_legal_name) AS "clientName", md.decision_reason AS reason
       FROM mandate md JOIN organization f ON f.id = md.fiduciary_id LEFT JOIN organization c ON c.id = md.client_id WHERE md.id = $1`,
    [mandateId],
  );
}
