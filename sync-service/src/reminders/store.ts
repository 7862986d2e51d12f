import { many, maybeOne, type Queryable } from '../db/query.js';
import { portal } from '../profile/profile.js';

/** Memberships whose expiry reminder is due (R19), and the record of those written (each with its notice). */

export interface DueReminder {
  readonly membershipId: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly email: string;
  readonly name: string;
  readonly expiresOn: string;
}

/**
 * Active memberships of active organizations expiring from `today` on, whose reminder day (the
 * profile's day of the month before, as `rules.ts` says) has come, and not reminded yet for this expiry date.
 */
export function dueReminders(db: Queryable, today: string, limit = 500, dayOfMonth = portal().expiryReminders.dayOfMonth): Promise<DueReminder[]> {
  return many<DueReminder>(
    db,
    `SELECT m.id AS "membershipId", m.organization_id AS "organizationId", o.legal_name AS "organizationName", p.email,
            btrim(p.given_name || ' ' || p.family_name) AS name, to_char(m.expires_on, 'YYYY-MM-DD') AS "expiresOn"
       FROM membership m JOIN organization o ON o.id = m.organization_id JOIN person p ON p.id = m.person_id
      WHERE m.status = 'active' AND o.status = 'active' AND m.expires_on >= $1::date
        AND (date_trunc('month', m.expires_on) - interval '1 month' + make_interval(days => $3::int - 1))::date <= $1::date
        AND NOT EXISTS (SELECT 1 FROM expiry_reminder r WHERE r.membership_id = m.id AND r.expires_on = m.expires_on)
      ORDER BY m.expires_on, m.id
      LIMIT $2`,
    [today, limit, dayOfMonth],
  );
}

/**
 * Claims the reminder of this membership and expiry date: false when it was recorded already (or
 * another scheduler holds it: the insert waits for that transaction, then finds the row; if that
 * one rolled back, this one takes it). The primary key is what keeps two schedulers from reminding twice.
 */
export async function claimReminder(db: Queryable, membershipId: string, expiresOn: string, recipients: readonly string[]): Promise<boolean> {
  const row = await maybeOne(
    db,
    'INSERT INTO expiry_reminder (membership_id, expires_on, recipients) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING membership_id',
    [membershipId, expiresOn, recipients],
  );
  return row !== undefined;
}
