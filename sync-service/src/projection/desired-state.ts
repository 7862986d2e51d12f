import type { DesiredGroup, DesiredState, ModelSnapshot, Role } from './model.js';
import { organizationGroupName, serviceClientId } from './model.js';

/**
 * The Keycloak state that the business model stands for (see docs/keycloak-mapping.md):
 * - an organization group per organization, named by its identifier (and its type where types share
 *   identifiers, R6); unit groups below it;
 * - `role:<role>` groups: the people acting for the organization in that role (the console's claim);
 * - `<service>:<right>` grant groups below the organization, a unit or a mandate, mapping that one
 *   client role and holding the people who hold the right there; created only while someone does;
 * - `mandate:<fiduciary>` groups below the client organization: the mandate's delegates.
 * Only active organizations, active unexpired memberships, subscribed services and current mandates
 * give access (R11, R13, R15, R18, R19, R27); a departed person's account is disabled (R18). Pure: same snapshot, same state.
 */
export function desiredState(model: ModelSnapshot): DesiredState {
  const groups = new Map<string, MutableGroup>();
  const organizations = new Map(model.organizations.map((o) => [o.id, o]));
  const live = (organizationId: string): boolean => organizations.get(organizationId)?.status === 'active';
  const subscribed = subscriptionCheck(model);
  const memberships = new Map(model.memberships.filter((m) => isCurrent(m, model.today)).map((m) => [m.id, m]));
  const unitOrganization = new Map(model.units.map((u) => [u.id, u.organizationId]));

  for (const organization of model.organizations) {
    add(groups, {
      key: orgKey(organization.id),
      parentKey: undefined,
      organizationId: organization.id,
      name: organizationGroupName(organization.identifier, organization.identifierScope ?? ''),
      attributes: {
        'procura.kind': ['organization'],
        'procura.id': [organization.id],
        'procura.identifier': [organization.identifier],
        'procura.identifierKind': [organization.identifierKind],
        'procura.legalName': [organization.legalName],
        'procura.type': [organization.type],
        'procura.status': [organization.status],
      },
    });
  }
  for (const unit of sortUnits(model.units)) {
    const identifier = organizations.get(unit.organizationId)?.identifier ?? '';
    add(groups, {
      key: unitKey(unit.id),
      parentKey: unit.parentUnitId ? unitKey(unit.parentUnitId) : orgKey(unit.organizationId),
      organizationId: unit.organizationId,
      name: unit.name,
      attributes: { 'procura.kind': ['unit'], 'procura.id': [unit.id], 'procura.unitKind': [unit.kind], 'procura.organization': [identifier] },
    });
  }
  for (const membership of memberships.values()) {
    if (!live(membership.organizationId)) continue;
    const identifier = organizations.get(membership.organizationId)!.identifier;
    roleGroup(groups, membership.organizationId, identifier, membership.role).members.add(membership.personId);
  }
  for (const right of model.rights) {
    const membership = memberships.get(right.membershipId);
    if (!membership || !live(membership.organizationId) || !subscribed(membership.organizationId, right.serviceId)) continue;
    if (right.unitId && unitOrganization.get(right.unitId) !== membership.organizationId) continue;
    const scopeKey = right.unitId ? unitKey(right.unitId) : orgKey(membership.organizationId);
    const organization = organizations.get(membership.organizationId)!;
    grantGroup(groups, scopeKey, membership.organizationId, { organization: organization.identifier, unit: right.unitId ?? undefined }, right).members.add(
      membership.personId,
    );
  }
  projectMandates(model, groups, memberships, organizations, subscribed);

  return {
    groups: [...groups.values()].map((g) => ({ ...g, members: [...g.members].sort() })),
    users: model.people.map((p) => ({ personId: p.id, email: p.email.trim().toLowerCase(), firstName: p.givenName, lastName: p.familyName, ...standing(p) })),
  };
}

/** Issue 16 item 5 (decision 0047): a departed person's login is disabled; one the projection disabled comes back with the person. */
function standing(person: ModelSnapshot['people'][number]): { enabled?: boolean } {
  if (person.departed) return { enabled: false };
  return person.loginDisabled ? { enabled: true } : {};
}

type MutableGroup = Omit<DesiredGroup, 'members' | 'clientRole'> & { clientRole: DesiredGroup['clientRole']; members: Set<string> };
type Organizations = Map<string, ModelSnapshot['organizations'][number]>;

export const orgKey = (id: string): string => `org:${id}`;
export const unitKey = (id: string): string => `unit:${id}`;
export const roleKey = (organizationId: string, role: Role): string => `role:${organizationId}:${role}`;
export const mandateKey = (id: string): string => `mandate:${id}`;
export const grantKey = (scopeKey: string, serviceId: string, rightId: string): string => `grant:${scopeKey}:${serviceId}:${rightId}`;

function projectMandates(
  model: ModelSnapshot,
  groups: Map<string, MutableGroup>,
  memberships: Map<string, ModelSnapshot['memberships'][number]>,
  organizations: Organizations,
  subscribed: (o: string, s: string) => boolean,
): void {
  const current = new Map(model.mandates.filter((m) => isCurrentMandate(m, model.today, organizations)).map((m) => [m.id, m]));
  for (const delegate of model.delegates) {
    const mandate = current.get(delegate.mandateId);
    const membership = memberships.get(delegate.membershipId);
    if (!mandate || !membership || membership.organizationId !== mandate.fiduciaryId) continue;
    mandateGroup(groups, mandate, organizations).members.add(membership.personId);
  }
  for (const right of model.delegateRights) {
    const mandate = current.get(right.mandateId);
    const membership = memberships.get(right.membershipId);
    if (!mandate || !membership || membership.organizationId !== mandate.fiduciaryId || !subscribed(mandate.clientId, right.serviceId)) continue;
    const group = mandateGroup(groups, mandate, organizations);
    const client = organizations.get(mandate.clientId)!.identifier;
    const via = organizations.get(mandate.fiduciaryId)!.identifier;
    grantGroup(groups, group.key, mandate.clientId, { organization: client, via }, right).members.add(membership.personId);
  }
}

function add(
  groups: Map<string, MutableGroup>,
  group: Omit<MutableGroup, 'members' | 'clientRole'> & { clientRole?: DesiredGroup['clientRole'] },
): MutableGroup {
  const existing = groups.get(group.key);
  if (existing) return existing;
  const created: MutableGroup = { clientRole: undefined, ...group, members: new Set() };
  groups.set(group.key, created);
  return created;
}

function roleGroup(groups: Map<string, MutableGroup>, organizationId: string, identifier: string, role: Role): MutableGroup {
  return add(groups, {
    key: roleKey(organizationId, role),
    parentKey: orgKey(organizationId),
    organizationId,
    name: `role:${role}`,
    attributes: { 'procura.kind': ['role'], 'procura.organization': [identifier], 'procura.role': [role] },
  });
}

function mandateGroup(groups: Map<string, MutableGroup>, mandate: ModelSnapshot['mandates'][number], organizations: Organizations): MutableGroup {
  const via = organizations.get(mandate.fiduciaryId)!.identifier;
  return add(groups, {
    key: mandateKey(mandate.id),
    parentKey: orgKey(mandate.clientId),
    organizationId: mandate.clientId,
    name: `mandate:${via}`,
    attributes: {
      'procura.kind': ['mandate'],
      'procura.id': [mandate.id],
      'procura.organization': [organizations.get(mandate.clientId)!.identifier],
      'procura.via': [via],
    },
  });
}

function grantGroup(
  groups: Map<string, MutableGroup>,
  scopeKey: string,
  organizationId: string,
  forWhom: { organization: string; unit?: string | undefined; via?: string },
  { serviceId, rightId }: { readonly serviceId: string; readonly rightId: string },
): MutableGroup {
  const attributes: Record<string, string[]> = {
    'procura.kind': ['grant'],
    'procura.organization': [forWhom.organization],
    'procura.service': [serviceId],
    'procura.right': [rightId],
  };
  if (forWhom.unit) attributes['procura.unit'] = [forWhom.unit];
  if (forWhom.via) attributes['procura.via'] = [forWhom.via];
  return add(groups, {
    key: grantKey(scopeKey, serviceId, rightId),
    parentKey: scopeKey,
    organizationId,
    name: `${serviceId}:${rightId}`,
    attributes,
    clientRole: { clientId: serviceClientId(serviceId), role: rightId },
  });
}

function isCurrent(membership: ModelSnapshot['memberships'][number], today: string): boolean {
  return membership.status === 'active' && (membership.expiresOn === null || membership.expiresOn >= today);
}

function isCurrentMandate(mandate: ModelSnapshot['mandates'][number], today: string, organizations: Organizations): boolean {
  if (mandate.status !== 'active') return false;
  if (mandate.validFrom !== null && mandate.validFrom > today) return false;
  if (mandate.validUntil !== null && mandate.validUntil < today) return false;
  return organizations.get(mandate.clientId)?.status === 'active' && organizations.get(mandate.fiduciaryId)?.status === 'active';
}

function subscriptionCheck(model: ModelSnapshot): (organizationId: string, serviceId: string) => boolean {
  const active = new Set(
    model.subscriptions
      .filter((s) => s.startsOn <= model.today && (s.endsOn === null || s.endsOn >= model.today))
      .map((s) => `${s.organizationId}|${s.serviceId}`),
  );
  return (organizationId, serviceId) => active.has(`${organizationId}|${serviceId}`);
}

/** Parents before children, whatever the order of the rows. */
function sortUnits(units: ModelSnapshot['units']): ModelSnapshot['units'] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const depth = (unit: ModelSnapshot['units'][number]): number => {
    let level = 0;
    for (let parent = unit.parentUnitId; parent && level < 64; parent = byId.get(parent)?.parentUnitId ?? null) level++;
    return level;
  };
  return [...units].sort((a, b) => depth(a) - depth(b) || a.id.localeCompare(b.id));
}
