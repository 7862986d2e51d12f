/**
 * R16, R23 (Geneva): the organization's mail security key, sent by post; activation of a new
 * account asks for it. Stored with scrypt only: nobody reads it back, a manager replaces it.
 */
import { mailSecurityKeyChangedMail } from '../adapters/mail/index.js';
import { defineCommand } from '../commands/command.js';
import { maybeOne } from '../db/query.js';
import { currentManagers } from '../members/store.js';
import { businessDay } from '../domain/business-day.js';
import { enforce, notFound, type Decision } from '../commands/refusals.js';
import { portal } from '../profile/profile.js';
import { hashSecret } from '../domain/secrets.js';
import { lockOrganization } from './store.js';
import { refuse } from '../error-codes/refuse.js';

/** A key of 8 to 64 characters, or null: no key is asked any more. Pure. */
export function checkMailSecurityKey(key: string | null): Decision<string | null> {
  if (key === null) return null;
  // Issue 17: a portal without mail security keys (`activation.mailSecurityKey`) lets a key be removed, never set.
  if (!portal().activation.mailSecurityKey) {
    return refuse('organization.mail_security_key_not_offered');
  }
  const trimmed = key.trim();
  if (trimmed.length >= 8 && trimmed.length <= 64) return trimmed;
  return refuse('organization.mail_security_key');
}

/** R23: sets, replaces or removes the key; the audit says that it changed, never what it is; the other managers are told. */
export const setMailSecurityKey = defineCommand(
  async ({ tx, audit, actor, notify }, input: { readonly organizationId: string; readonly key: string | null }): Promise<void> => {
    const key = enforce(checkMailSecurityKey(input.key));
    const organization = await lockOrganization(tx, input.organizationId);
    if (!organization) throw notFound('organization', 'organizationId');
    const { rows } = await tx.query<{ set: boolean }>('SELECT mail_security_key_hash IS NOT NULL AS set FROM organization WHERE id = $1', [
      input.organizationId,
    ]);
    await tx.query('UPDATE organization SET mail_security_key_hash = $2, updated_at = now() WHERE id = $1', [
      input.organizationId,
      key === null ? null : await hashSecret(key),
    ]);
    await audit({
      organizationId: input.organizationId,
      action: 'organization.mail_security_key_changed',
      subjectType: 'organization',
      subjectId: input.organizationId,
      before: { keySet: rows[0]!.set },
      after: { keySet: key !== null },
    });
    // R23, R28: the other managers are told, through the outbox (never the key itself).
    const others = (await currentManagers(tx, input.organizationId, businessDay())).filter((manager) => manager.personId !== actor.personId);
    const names = actor.personId
      ? await maybeOne<{ name: string }>(tx, `SELECT btrim(given_name || ' ' || family_name) AS name FROM person WHERE id = $1`, [actor.personId])
      : undefined;
    const mail = mailSecurityKeyChangedMail({ organizationName: organization.legalName, changedBy: names?.name || actor.label, removed: key === null });
    await notify({ kind: 'organization.mail_security_key_changed', to: others.map((manager) => manager.email), ...mail });
  },
);
