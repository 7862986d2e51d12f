import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { desiredState } from '../projection/desired-state.js';
import type { ModelSnapshot } from '../projection/model.js';
import { portal, withPortal } from '../profile/profile.js';
import { identifierScope } from './identifier-scope.js';
import { checkIdentifierNotHeld } from './rules.js';

const perType = () => ({ ...portal(), organizations: { ...portal().organizations, identifierUnique: 'identifier_and_type' as const } });

describe('identifiers unique per identifier or per identifier and type (R6, issue 17)', () => {
  it('R6: under `identifier` every organization has the one scope, so a second holder of any type collides', () => {
    expect(identifierScope('employer')).toBe('');
    expect(identifierScope('prescriber')).toBe('');
  });

  it('R6: under `identifier_and_type` the scope is the type, so an employer and a prescriber may share a SIRET', () => {
    withPortal(perType(), () => {
      expect(identifierScope('employer')).toBe('employer');
      expect(identifierScope('prescriber')).toBe('prescriber');
    });
  });

  it('R6: a person already acting for an organization with this identifier cannot join another one bearing it', () => {
    expect(refusalOf(checkIdentifierNotHeld('73282931200014', ['CHE123456788', '73282931200014'], 'email'))).toBe('409 membership.identifier_held /email');
    expect(checkIdentifierNotHeld('73282931200014', ['CHE123456788'], 'email')).toBeUndefined();
  });

  it('R6: two organizations sharing a SIRET get two Keycloak groups that do not collide; the claim attributes keep the bare identifier', () => {
    const organization = (id: string, type: string, identifierScope: string) => ({
      id,
      identifier: '73282931200014',
      identifierKind: 'siret',
      legalName: type,
      type,
      status: 'active' as const,
      identifierScope,
    });
    const model: ModelSnapshot = {
      today: '2026-12-07',
      organizations: [
        organization('e', 'employer', 'employer'),
        organization('p', 'prescriber', 'prescriber'),
        { ...organization('s', 'employer', ''), identifier: '55208131766522' },
      ],
      units: [],
      subscriptions: [],
      people: [],
      memberships: [],
      rights: [],
      mandates: [],
      delegates: [],
      delegateRights: [],
    };
    const groups = desiredState(model).groups.filter((group) => group.parentKey === undefined);
    expect(groups.map((group) => group.name).sort()).toEqual(['55208131766522', '73282931200014 employer', '73282931200014 prescriber']);
    expect(groups.map((group) => group.attributes['procura.identifier']![0])).toEqual(['73282931200014', '73282931200014', '55208131766522']);
  });
});
