/**
 * R14: a leaving manager hands over to a successor, who then removes the former. One command gives
 * an active member of the organization the leaving manager's role, under the organization's lock
 * (as every change that touches managers), so that it cannot race a demotion of the leaving
 * manager: whoever hands over must still be a current manager when the lock is held.
 */
import { handOverMail } from '../adapters/mail/index.js';
import { defineCommand } from '../commands/command.js';
import { enforce, notFound, type Decision } from '../commands/refusals.js';
import { one } from '../db/query.js';
import { businessDay } from '../domain/business-day.js';
import { checkManagersKept, checkRepresentativeAuthority, type MembershipState } from './rules.js';
import { managerRoles, representativeRoles, type Role } from '../domain/roles.js';
import { findMembership, lockForManagers, updateMembership } from './store.js';
import { refuse } from '../error-codes/refuse.js';

/** How the e-mails name each role, French and English. */
export const roleNames: Record<Role, { fr: string; en: string }> = {
  legal_representative: { fr: 'requérant·e', en: 'legal representative' },
  deputy: { fr: 'requérant·e adjoint·e', en: 'deputy' },
  manager: { fr: 'gestionnaire', en: 'manager' },
  member: { fr: 'membre', en: 'member' },
  observer: { fr: 'observateur·rice', en: 'observer' },
};

const isCurrent = (m: MembershipState, today: string) => m.status === 'active' && (m.expiresOn === null || m.expiresOn >= today);

/**
 * R13, R14: the successor as they will be: the former's role, which only a current manager hands
 * over, to an active member of the same organization who does not hold it yet, and who stays
 * (no expiry date: R19 would take the last manager away on that day). Pure.
 */
export function checkHandOver(former: MembershipState, successor: MembershipState, today: string): Decision<MembershipState> {
  if (!managerRoles.includes(former.role) || !isCurrent(former, today)) {
    return refuse('hand_over.not_manager');
  }
  if (successor.id === former.id) return refuse('hand_over.self');
  if (!isCurrent(successor, today)) {
    return refuse('hand_over.successor_inactive');
  }
  if (successor.expiresOn !== null) {
    return refuse('hand_over.successor_expires');
  }
  // R13: the former passes on their own role, but takes no representative role from the successor (a deputy never demotes the legal representative).
  if (representativeRoles.includes(successor.role) && successor.role !== former.role) {
    const refusal = checkRepresentativeAuthority(
      { platform: false, membershipId: former.id, role: former.role },
      successor,
      { ...successor, role: former.role },
      'successorId',
    );
    if (refusal) return refusal;
  }
  if (successor.role === former.role) return refuse('hand_over.already_holds');
  return { ...successor, role: former.role };
}

/** R14: the leaving manager (`formerId`) hands their role over to `successorId`; the former is told. */
export const handOver = defineCommand(
  async ({ tx, audit, project, notify }, input: { readonly organizationId: string; readonly formerId: string; readonly successorId: string }) => {
    const today = businessDay();
    // Another organization's membership is not found, and its organization never locked.
    if ((await findMembership(tx, input.successorId))?.organizationId !== input.organizationId) throw notFound('membership', 'successorId');
    const { target: successor, managers } = await lockForManagers(tx, input.successorId);
    const former = managers.find((m) => m.id === input.formerId) ?? { id: input.formerId, role: 'member', status: 'active', expiresOn: null };
    const before: MembershipState = { id: successor.id, role: successor.role, status: successor.status, expiresOn: successor.expiresOn };
    const after = enforce(checkHandOver(former, before, today));
    enforce(checkManagersKept(managers, successor.id, after, today, 'successorId'));
    await updateMembership(tx, after);
    await audit({
      organizationId: input.organizationId,
      action: 'membership.handed_over',
      subjectType: 'membership',
      subjectId: successor.id,
      before: { ...before, from: input.formerId },
      after,
    });
    project(input.organizationId);
    const people = await one<{ organizationName: string; formerName: string; formerEmail: string; successorName: string; successorEmail: string }>(
      tx,
      `
    SELECT o.legal_name AS "organizationName",
           btrim(fp.given_name || ' ' || fp.family_name) AS "formerName", fp.email AS "formerEmail",
           btrim(sp.given_name || ' ' || sp.family_name) AS "successorName", sp.email AS "successorEmail"
      FROM organization o, membership f JOIN person fp ON fp.id = f.person_id, membership s JOIN person sp ON sp.id = s.person_id
     WHERE o.id = $1 AND f.id = $2 AND s.id = $3`,
      [input.organizationId, input.formerId, successor.id],
    );
    await notify({ kind: 'membership.handed_over', to: [people.formerEmail], ...handOverMail({ ...people, role: roleNames[former.role] }) });
    return { successorId: successor.id };
  },
);
