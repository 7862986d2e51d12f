import { many, type Queryable } from '../db/query.js';
import type { Message } from '../errors.js';
import { isOpen } from './rules.js';

/** One service of the catalogue as an organization sees it (R15). */
export interface ServiceView {
  readonly id: string;
  readonly label: Message;
  /** `subscribed`: its rights are grantable now; `available`: not (yet, or any more) subscribed. */
  readonly status: 'subscribed' | 'available';
  readonly subscription: { readonly startsOn: string; readonly endsOn: string | null } | null;
  readonly rights: ReadonlyArray<{ readonly id: string; readonly label: Message; readonly grantable: boolean }>;
}

interface Row {
  id: string;
  labelFr: string;
  labelEn: string;
  startsOn: string | null;
  endsOn: string | null;
  rights: Array<{ id: string; fr: string; en: string }>;
}

/**
 * R15: the whole catalogue for the organization: each service subscribed or available, its rights
 * with their labels, and whether the caller may grant them (`controlled`: the services whose rights
 * the caller controls, R13). Unsubscribed services are shown, never grantable.
 */
export async function catalogueFor(
  db: Queryable,
  organizationId: string,
  today: string,
  controlled: (subscribed: ReadonlySet<string>) => ReadonlySet<string>,
): Promise<ServiceView[]> {
  const rows = await many<Row>(
    db,
    `
    SELECT s.id, s.label_fr AS "labelFr", s.label_en AS "labelEn",
           to_char(sub.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(sub.ends_on, 'YYYY-MM-DD') AS "endsOn",
           coalesce((SELECT jsonb_agg(jsonb_build_object('id', r.id, 'fr', r.label_fr, 'en', r.label_en) ORDER BY r.id) FROM service_right r WHERE r.service_id = s.id), '[]') AS rights
      FROM service s LEFT JOIN subscription sub ON sub.service_id = s.id AND sub.organization_id = $1
     ORDER BY s.label_fr`,
    [organizationId],
  );
  const subscribed = new Set(rows.filter((row) => row.startsOn !== null && isOpen({ startsOn: row.startsOn, endsOn: row.endsOn }, today)).map((row) => row.id));
  const grantable = controlled(subscribed);
  return rows.map((row) => ({
    id: row.id,
    label: { fr: row.labelFr, en: row.labelEn },
    status: subscribed.has(row.id) ? 'subscribed' : 'available',
    subscription: row.startsOn === null ? null : { startsOn: row.startsOn, endsOn: row.endsOn },
    rights: row.rights.map((right) => ({ id: right.id, label: { fr: right.fr, en: right.en }, grantable: subscribed.has(row.id) && grantable.has(row.id) })),
  }));
}
