/**
 * Commands on access requests (R22): a person asks; a manager approves (the person becomes an
 * active member in the role asked, through `addMember`) or rejects. One transaction each.
 */
import { accessRequestMail } from '../adapters/mail/index.js';
import { defineCommand, type CommandContext } from '../commands/command.js';
import { one } from '../db/query.js';
import { businessDay } from '../projection/business-day.js';
import { enforce, notFound } from '../commands/refusals.js';
import { addMember } from '../members/commands.js';
import { emailOf, isMember } from '../members/store.js';
import { detectIdentifierKind, parseIdentifier } from '../organizations/identifiers.js';
import { findByIdentifier, findOrganization } from '../organizations/store.js';
import { checkDecidable, checkNewRequest, recipientsOf, type RequestableRole } from './rules.js';
import { hasPendingRequest, insertAccessRequest, lockAccessRequest, managersWithRoles, markAccessRequest, type AccessRequestRow } from './store.js';

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
export const requestAccess = defineCommand(async ({ tx, audit, notify }: CommandContext, input: RequestAccess): Promise<{ requestId: string; organizationId: string; organizationName: string; role: RequestableRole }> => {
  const kind = detectIdentifierKind(input.organization);
  const parsed = kind ? parseIdentifier(kind, input.organization) : undefined;
  const found = parsed?.ok ? await findByIdentifier(tx, parsed.value.normalized) : undefined;
  const organization = found ? await findOrganization(tx, found.id) : undefined;
  if (!organization || organization.status !== 'active') throw notFound('organization', 'organization');
  const role = enforce(checkNewRequest(input.role, await isMember(tx, input.personId, organization.id), await hasPendingRequest(tx, organization.id, input.personId)));
  const requestId = await insertAccessRequest(tx, { organizationId: organization.id, personId: input.personId, role, message: input.message?.trim() ?? '' });
  await audit({ organizationId: organization.id, action: 'access_request.created', subjectType: 'access_request', subjectId: requestId, before: null, after: { email: await emailOf(tx, input.personId), role } });
  // R22, R28: an observer request goes to the legal representatives, a member request to every manager (through the outbox).
  const person = await one<{ email: string; name: string }>(tx, `SELECT email, btrim(given_name || ' ' || family_name) AS name FROM person WHERE id = $1`, [input.personId]);
  const mail = accessRequestMail({ organizationName: organization.legalName, personName: person.name, personEmail: person.email, role, message: input.message?.trim() ?? '', consoleUrl: input.consoleUrl });
  await notify({ kind: 'access_request.created', to: recipientsOf(role, await managersWithRoles(tx, organization.id, businessDay())), ...mail });
  return { requestId, organizationId: organization.id, organizationName: organization.legalName, role };
});

/** R22, R13: a manager grants the access asked; the person becomes an active member in that role. */
export const approveAccessRequest = defineCommand(async (context: CommandContext, input: { readonly organizationId: string; readonly requestId: string }): Promise<{ membershipId: string }> => {
  const request = await pendingRequest(context, input);
  const email = await emailOf(context.tx, request.personId);
  const { membershipId } = await addMember.within(context, { organizationId: request.organizationId, email, role: request.role, status: 'active' });
  await decide(context, request, 'approved', { email, membershipId });
  return { membershipId };
});

/** R22: a manager refuses the access asked. */
export const rejectAccessRequest = defineCommand(async (context: CommandContext, input: { readonly organizationId: string; readonly requestId: string }): Promise<void> => {
  const request = await pendingRequest(context, input);
  await decide(context, request, 'rejected', { email: await emailOf(context.tx, request.personId) });
});

async function pendingRequest({ tx }: CommandContext, input: { readonly organizationId: string; readonly requestId: string }): Promise<AccessRequestRow> {
  const request = await lockAccessRequest(tx, input.requestId);
  if (!request || request.organizationId !== input.organizationId) throw notFound('access_request', 'requestId');
  enforce(checkDecidable(request.status));
  return request;
}

async function decide({ tx, actor, audit }: CommandContext, request: AccessRequestRow, status: 'approved' | 'rejected', after: Record<string, unknown>): Promise<void> {
  await markAccessRequest(tx, request.id, status, actor.label);
  await audit({ organizationId: request.organizationId, action: `access_request.${status}`, subjectType: 'access_request', subjectId: request.id, before: { status: 'pending', role: request.role }, after: { status, ...after } });
}
