/**
 * Commands on organizations (R6, R7): each checks its rules, writes, audits and asks for the
 * organization's projection in one transaction (`runCommand`).
 */
import { actsForPlatform, defineCommand } from '../commands/command.js';
import { enforce, notFound } from '../commands/refusals.js';
import {
  checkChanges,
  checkIdentifierFree,
  checkRegistration,
  checkRekey,
  checkStatus,
  checkTypeMix,
  type OrganizationChanges,
  type OrganizationDetails,
  type RegisterOrganization,
} from './rules.js';
import type { OrganizationType } from '../domain/organization-types.js';
import { parseIdentifier, type IdentifierKind } from './identifiers.js';
import {
  findByIdentifier,
  insertOrganization,
  lockOrganization,
  updateOrganizationDetails,
  typesHeldByMembers,
  updateOrganizationIdentifier,
  updateOrganizationStatus,
} from './store.js';
import { typePolicy } from './type-policy.js';
import { portal } from '../profile/profile.js';
import { requiredText } from '../commands/checks.js';
import { voidPendingOn } from './closure.js';

export type { Address, OrganizationChanges, OrganizationStatus, RegisterOrganization } from './rules.js';
export type { OrganizationType } from '../domain/organization-types.js';

/** R6: a new organization, its identifier checked, normalized and unique. */
export const registerOrganization = defineCommand(async ({ tx, audit, project }, input: RegisterOrganization): Promise<{ id: string; identifier: string }> => {
  const details = enforce(checkRegistration(input, portal().organizations));
  enforce(checkIdentifierFree(details.identifierKind, await findByIdentifier(tx, details.identifier, details.type)));
  const id = await insertOrganization(tx, details);
  await audit({ organizationId: id, action: 'organization.registered', subjectType: 'organization', subjectId: id, before: null, after: details });
  project(id);
  return { id, identifier: details.identifier };
});

/** R7: legal name, type (the platform's only) and address change; identifier, its kind and a set category do not. R12: a new type must not mix with its members' other organizations. */
export const updateOrganization = defineCommand(
  async ({ tx, actor, audit, project }, input: OrganizationChanges & { readonly organizationId: string }): Promise<void> => {
    const { organizationId, ...changes } = input;
    const current = await lockOrganization(tx, organizationId);
    if (!current) throw notFound('organization', 'organizationId');
    const next = enforce(checkChanges(current, changes, actsForPlatform(actor)));
    const changed = changedFields(current, next);
    if (changed.length === 0) return;
    if (next.type !== current.type) enforce(checkTypeMix(next.type, await typesHeldByMembers(tx, organizationId), typePolicy().mustNotMix, 'type'));
    await updateOrganizationDetails(tx, organizationId, next);
    await audit({
      organizationId,
      action: 'organization.updated',
      subjectType: 'organization',
      subjectId: organizationId,
      before: pick(current, changed),
      after: pick(next, changed),
    });
    project(organizationId);
  },
);

/**
 * R31, R35 (issue 14 item 5): the operator's staff change an organization's type, saying why; R12 as
 * for any change of type. Audited as `organization.type_changed` with the reason.
 */
export const changeOrganizationType = defineCommand(
  async (context, input: { readonly organizationId: string; readonly type: OrganizationType; readonly reason: string }): Promise<void> => {
    const { tx, audit, project } = context;
    const reason = enforce(requiredText(input.reason, 'reason', 'organization.type_reason'));
    const current = await lockOrganization(tx, input.organizationId);
    if (!current) throw notFound('organization', 'orgId');
    const next = enforce(checkChanges(current, { type: input.type }, true));
    if (next.type === current.type) return;
    enforce(checkTypeMix(next.type, await typesHeldByMembers(tx, input.organizationId), typePolicy().mustNotMix, 'type'));
    await updateOrganizationDetails(tx, input.organizationId, next);
    await audit({
      organizationId: current.id,
      action: 'organization.type_changed',
      subjectType: 'organization',
      subjectId: current.id,
      before: { type: current.type },
      after: { type: next.type, reason },
    });
    project(current.id);
  },
);

/** Active, suspended or closed: only an active organization's people get access (R11); a closure voids what is pending on it (issue 14 item 9). */
export const setOrganizationStatus = defineCommand(async (context, input: { readonly organizationId: string; readonly status: string }): Promise<void> => {
  const { tx, audit, project } = context;
  const current = await lockOrganization(tx, input.organizationId);
  if (!current) throw notFound('organization', 'organizationId');
  const status = enforce(checkStatus(input.status));
  if (status === current.status) return;
  await updateOrganizationStatus(tx, input.organizationId, status);
  await audit({
    organizationId: current.id,
    action: 'organization.status_set',
    subjectType: 'organization',
    subjectId: current.id,
    before: { status: current.status },
    after: { status },
  });
  if (status === 'closed') await voidPendingOn(context, current.id);
  project(current.id);
});

/**
 * R11: the registry gives the organization a new identifier; people, units, rights and mandates
 * stay, and its Keycloak group and the tokens follow (they name it by its identifier). Not a
 * manager's command (R7): the registry feed's and the operator's.
 */
export const rekeyOrganization = defineCommand(
  async (
    { tx, audit, project },
    input: { readonly organizationId: string; readonly identifierKind: IdentifierKind; readonly identifier: string },
  ): Promise<{ identifier: string }> => {
    const current = await lockOrganization(tx, input.organizationId);
    if (!current) throw notFound('organization', 'organizationId');
    const parsed = parseIdentifier(input.identifierKind, input.identifier);
    const holder = parsed.ok ? await findByIdentifier(tx, parsed.value.normalized, current.type) : undefined;
    const next = enforce(checkRekey(current, input.identifierKind, input.identifier, holder));
    await updateOrganizationIdentifier(tx, current.id, next.identifierKind, next.identifier);
    const before = { identifierKind: current.identifierKind, identifier: current.identifier };
    await audit({ organizationId: current.id, action: 'organization.rekeyed', subjectType: 'organization', subjectId: current.id, before, after: next });
    project(current.id);
    return { identifier: next.identifier };
  },
);

type Field = keyof OrganizationDetails;

function changedFields(before: OrganizationDetails, after: OrganizationDetails): Field[] {
  return (Object.keys(after) as Field[]).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

function pick(details: OrganizationDetails, fields: readonly Field[]): Partial<OrganizationDetails> {
  return Object.fromEntries(fields.map((field) => [field, details[field]]));
}
