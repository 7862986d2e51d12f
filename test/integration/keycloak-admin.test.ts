import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeycloakConflict } from '@procura/sync-service/errors';
import { keycloakAdmin } from '../helpers/stack.js';

describe('the Keycloak adapter, with the sync-service service account', () => {
  it('creates a group with attributes and a subgroup, and reads them back by id', async () => {
    const admin = keycloakAdmin();
    const name = `CHE-test-${randomBytes(4).toString('hex')}`;
    const group = await admin.createGroup({ name, attributes: { kind: ['uid'], legalName: ['Test SA'] } });
    const unit = await admin.createGroup({ name: 'Succursale Lausanne', parentId: group.id });
    const read = await admin.getGroup(group.id);
    expect(read).toMatchObject({ id: group.id, name, attributes: { kind: ['uid'], legalName: ['Test SA'] } });
    expect((await admin.getGroup(unit.id))?.parentId).toBe(group.id);
  });

  it('answers undefined for a group that does not exist, and a typed conflict for a duplicate', async () => {
    const admin = keycloakAdmin();
    expect(await admin.getGroup('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    const name = `dup-${randomBytes(4).toString('hex')}`;
    await admin.createGroup({ name });
    await expect(admin.createGroup({ name })).rejects.toBeInstanceOf(KeycloakConflict);
  });
});
