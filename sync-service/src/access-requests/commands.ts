/**
 * Commands on access requests (R22): a person asks; a manager approves (the person becomes an
 * active member in the role asked, through `addMember`, an observer with the configured rights) or
 * refuses with a reason. The person who asked is told either way. One transaction each.
 */
import { accessAnswerMail, accessRequestMail, named } from '../adapters/mail/index.js';
import { defineCommand, type CommandContext } from '../commands/command.js';
import { many, one } from '../db/query.js';
import { businessDay } from '../domain/business-day.js';
import { enforce, notFound } from '../commands/refusals.js';
import { addMember } from '../members/commands.js';
import { setRights } from '../members/rights.js';
import { noticeRecipients, recipientsFor } from '../notices/recipients.js';
import type { ServiceRight } from '../domain/rights.js';
import { subscribedServices } from '../services/store.js';
import { emailOf, isMember } from '../members/store.js';
import { detectIdentifierKind, parseIdentifier } from '../organizations/identifiers.js';
import { findByIdentifier, findOrganization } from '../organizations/store.js';
import { checkDecidable, checkNewRequest, checkReason, type RequestableRole } from './rules.js';
import { accessRequestSettings } from './settings.js';
import { hasPendingRequest, insertAccessRequest, lockAccessRequest, markAccessRequest, type AccessRequestRow } from './store.js';
import { managersWithRoles } from '../members/store.js';

export interface RequestAccess {
  readonly personId: string;
  /** The organization's identifier as people type it (UID, SIRET, SIREN, affiliate number). */
  readonly organization: string;
  readonly role: string;
  readonly message?: string;
  /** Where the managers answer (the console), for the notice. */
  readonly consoleUrl: string;
}

/** R22: the request, to an active organization found by its identifier (an unknown one is 404, R6). */
export const requestAccess = defineCommand(
  async (
    { tx, audit, notify }: CommandContext,
    input: RequestAccess,
  ): Promise<{ requestId: string; organizationId: string; organizationName: string; role: RequestableRole }> => {
    const kind = detectIdentifierKind(input.organization);
    const parsed = kind ? parseIdentifier(kind, input.organization) : undefined;
    const found = parsed?.ok ? await findByIdentifier(tx, parsed.value.normalized) : undefined;
    const organization = found ? await findOrganization(tx, found.id) : undefined;
    if (!organization || organization.status !== 'active') throw notFound('organization', 'organization');
    const role = enforce(
      checkNewRequest(input.role, await isMember(tx, input.personId, organization.id), await hasPendingRequest(tx, organization.id, input.personId)),
    );
    const requestId = await insertAccessRequest(tx, { organizationId: organization.id, personId: input.personId, role, message: input.message?.trim() ?? '' });
    await audit({
      organizationId: organization.id,
      action: 'access_request.created',
      subjectType: 'access_request',
      subjectId: requestId,
      before: null,
      after: { email: await emailOf(tx, input.personId), role },
    });
    // R22, R28: to the managers in the roles configured for the notice (observer: « requérant ou requérant adjoint »), through the outbox.
    const person = await one<{ email: string; name: string }>(tx, `SELECT email, btrim(given_name || ' ' || family_name) AS name FROM person WHERE id = $1`, [
      input.personId,
    ]);
    const mail = accessRequestMail({
      organizationName: organization.legalName,
      personName: person.name,
      personEmail: person.email,
      role,
      message: input.message?.trim() ?? '',
      consoleUrl: input.consoleUrl,
    });
    const roles = noticeRecipients()[role === 'observer' ? 'access_request.observer' : 'access_request.member'];
    await notify({ kind: 'access_request.created', to: recipientsFor(roles, await managersWithRoles(tx, organization.id, businessDay())), ...mail });
    return { requestId, organizationId: organization.id, organizationName: organization.legalName, role };
  },
);

interface Answer {
  readonly organizationId: string;
  readonly requestId: string;
  /** Where the person who asked signs in, for the notice. */
  readonly consoleUrl: string;
}

/**
 * R22, R13: a manager grants the access asked; the person becomes an active member in that role. An
 * observer also gets the configured rights (the journal's read right by default) of the services
 * the organization subscribes to, granted by that manager, who controls them (R13, R15).
 */
export const approveAccessRequest = defineCommand(async (context: CommandContext, input: Answer): Promise<{ membershipId: string; rights: ServiceRight[] }> => {
  const request = await pendingRequest(context, input);
  const email = await emailOf(context.tx, request.personId);
  const { membershipId } = await addMember.within(context, { organizationId: request.organizationId, email, role: request.role, status: 'active' });
  const rights = request.role === 'observer' ? await observerRights(context, request.organizationId) : [];
  if (rights.length > 0) await setRights.within(context, { membershipId, rights });
  await decide(context, request, 'approved', { email, membershipId, rights });
  await tellRequester(context, request, email, input.consoleUrl, { rights: await rightLabels(context, rights) });
  return { membershipId, rights };
});

/** R22: a manager refuses the access asked, saying why; the reason goes to the person who asked. */
export const rejectAccessRequest = defineCommand(async (context: CommandContext, input: Answer & { readonly reason: string }): Promise<void> => {
  const reason = enforce(checkReason(input.reason));
  const request = await pendingRequest(context, input);
  const email = await emailOf(context.tx, request.personId);
  await decide(context, request, 'rejected', { email, reason }, reason);
  await tellRequester(context, request, email, input.consoleUrl, { reason });
});

async function pendingRequest({ tx }: CommandContext, input: { readonly organizationId: string; readonly requestId: string }): Promise<AccessRequestRow> {
  const request = await lockAccessRequest(tx, input.requestId);
  if (!request || request.organizationId !== input.organizationId) throw notFound('access_request', 'requestId');
  enforce(checkDecidable(request.status));
  return request;
}

async function decide(
  { tx, actor, audit }: CommandContext,
  request: AccessRequestRow,
  status: 'approved' | 'rejected',
  after: Record<string, unknown>,
  reason?: string,
): Promise<void> {
  await markAccessRequest(tx, request.id, status, actor.label, reason);
  await audit({
    organizationId: request.organizationId,
    action: `access_request.${status}`,
    subjectType: 'access_request',
    subjectId: request.id,
    before: { status: 'pending', role: request.role },
    after: { status, ...after },
  });
}

async function observerRights({ tx }: CommandContext, organizationId: string): Promise<ServiceRight[]> {
  const subscribed = await subscribedServices(tx, organizationId, businessDay());
  return accessRequestSettings().observerRights.filter((right) => subscribed.has(right.serviceId));
}

async function rightLabels({ tx }: CommandContext, rights: readonly ServiceRight[]): Promise<Array<{ fr: string; en: string }>> {
  if (rights.length === 0) return [];
  return many(
    tx,
    `
    SELECT s.label_fr || ' : ' || r.label_fr AS fr, s.label_en || ': ' || r.label_en AS en
      FROM unnest($1::text[], $2::text[]) AS asked (service_id, right_id)
      JOIN service s ON s.id = asked.service_id JOIN service_right r ON r.service_id = asked.service_id AND r.id = asked.right_id
     ORDER BY s.label_fr, r.label_fr`,
    [rights.map((right) => right.serviceId), rights.map((right) => right.rightId)],
  );
}

async function tellRequester(
  { tx, actor, notify }: CommandContext,
  request: AccessRequestRow,
  email: string,
  consoleUrl: string,
  answer: { rights?: Array<{ fr: string; en: string }>; reason?: string },
): Promise<void> {
  const organization = await one<{ name: string }>(tx, 'SELECT legal_name AS name FROM organization WHERE id = $1', [request.organizationId]);
  const manager = actor.personId
    ? await one<{ name: string; email: string }>(tx, `SELECT btrim(given_name || ' ' || family_name) AS name, email FROM person WHERE id = $1`, [
        actor.personId,
      ])
    : undefined;
  const answeredBy = manager ? named(manager.name, manager.email) : actor.label;
  const mail = accessAnswerMail({ organizationName: organization.name, role: request.role, answeredBy, consoleUrl, ...answer });
  await notify({ kind: answer.reason === undefined ? 'access_request.approved' : 'access_request.rejected', to: [email], ...mail });
}
