/**
 * The domain's words, in French (DESIGN.md's glossary) and English: roles, statuses, kinds of unit
 * and identifier, and the service catalogue's labels (realm-config/services.json).
 */
import { msg } from '@lit/localize';
import catalogue from '../../../realm-config/services.json' with { type: 'json' };
import type { IdentifierKind, MemberStatus, OrganizationType, Role, UnitKind } from '../api/index.js';
import { language } from './localization.js';
import { portalRoleLabel } from '../portal/portal.js';

/** A role as the portal names it (issue 17), else the built-in word (fer-ge's). */
export function roleLabel(role: Role): string {
  const portal = portalRoleLabel(role);
  if (portal) return portal;
  switch (role) {
    case 'legal_representative':
      return msg('Requérant', { id: 'role.legal_representative' });
    case 'deputy':
      return msg('Requérant adjoint', { id: 'role.deputy' });
    case 'manager':
      return msg('Gestionnaire', { id: 'role.manager' });
    case 'member':
      return msg('Collaborateur', { id: 'role.member' });
    case 'observer':
      return msg('Observateur', { id: 'role.observer' });
  }
}

export function statusLabel(status: MemberStatus): string {
  switch (status) {
    case 'invited':
      return msg('Invité', { id: 'status.invited' });
    case 'active':
      return msg('Actif', { id: 'status.active' });
    case 'deactivated':
      return msg('Désactivé', { id: 'status.deactivated' });
    case 'expired':
      return msg('Expiré', { id: 'status.expired' });
  }
}

export function unitKindLabel(kind: UnitKind): string {
  switch (kind) {
    case 'branch':
      return msg('Succursale', { id: 'unit.branch' });
    case 'antenna':
      return msg('Antenne', { id: 'unit.antenna' });
    case 'establishment':
      return msg('Établissement', { id: 'unit.establishment' });
  }
}

export function identifierKindLabel(kind: IdentifierKind): string {
  switch (kind) {
    case 'affiliate':
      return msg("Numéro d'affilié", { id: 'identifier.affiliate' });
    case 'uid':
      return msg('IDE', { id: 'identifier.uid' });
    case 'siret':
      return msg('SIRET', { id: 'identifier.siret' });
    case 'siren':
      return msg('SIREN', { id: 'identifier.siren' });
  }
}

export function organizationTypeLabel(type: OrganizationType): string {
  switch (type) {
    case 'employer':
      return msg('Employeur', { id: 'type.employer' });
    case 'fiduciary':
      return msg('Fiduciaire', { id: 'type.fiduciary' });
    case 'prescriber':
      return msg('Prescripteur', { id: 'type.prescriber' });
    case 'training_body':
      return msg('Organisme de formation', { id: 'type.training_body' });
    case 'public_body':
      return msg('Organisme public', { id: 'type.public_body' });
    case 'other':
      return msg('Autre', { id: 'type.other' });
  }
}

interface CatalogueService {
  readonly id: string;
  readonly label: { fr: string; en: string };
  readonly rights: ReadonlyArray<{ id: string; label: { fr: string; en: string } }>;
}

/** The services of the platform and their rights, labelled in the current language. */
export function services(): ReadonlyArray<{ id: string; label: string; rights: ReadonlyArray<{ id: string; label: string }> }> {
  const lang = language();
  return (catalogue.services as readonly CatalogueService[]).map((s) => ({
    id: s.id,
    label: s.label[lang],
    rights: s.rights.map((r) => ({ id: r.id, label: r.label[lang] })),
  }));
}

export function serviceLabel(serviceId: string): string {
  return services().find((s) => s.id === serviceId)?.label ?? serviceId;
}

export function rightLabel(serviceId: string, rightId: string): string {
  return (
    services()
      .find((s) => s.id === serviceId)
      ?.rights.find((r) => r.id === rightId)?.label ?? rightId
  );
}

/** A date `YYYY-MM-DD` (or a timestamp) as people read it in the current language: long, or short for tables. */
export function dateLabel(isoDate: string, length: 'long' | 'short' = 'long'): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  const month = length === 'long' ? 'long' : '2-digit';
  return new Date(Date.UTC(y!, m! - 1, d)).toLocaleDateString(language() === 'en' ? 'en-GB' : 'fr-CH', {
    timeZone: 'UTC',
    day: 'numeric',
    month,
    year: 'numeric',
  });
}

/** A person as the screens name them; an invited person without names (the API allows it) by their e-mail. */
export function personName(
  person: { readonly givenName: string; readonly familyName: string; readonly email: string },
  order: 'given-first' | 'family-first' = 'given-first',
): string {
  const names = order === 'given-first' ? [person.givenName, person.familyName] : [person.familyName, person.givenName];
  return names.filter(Boolean).join(' ').trim() || person.email;
}
