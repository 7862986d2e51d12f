import { randomInt } from 'node:crypto';
import { passesLuhn, uidCheckDigit } from '@procura/sync-service/organizations/check-digits';
import { registerOrganization, type OrganizationType } from '@procura/sync-service/organizations/commands';
import { testActor } from './actor.js';
import { database } from './stack.js';

export interface TestOrganization {
  readonly id: string;
  readonly identifier: string;
  readonly legalName: string;
}

/** A valid Swiss UID (R6) that no other test uses: random digits, correct mod-11 check digit. */
export function uniqueUid(): string {
  for (;;) {
    const digits = String(randomInt(10_000_000, 99_999_999));
    const check = uidCheckDigit(digits);
    if (check !== undefined) return `CHE${digits}${check}`;
  }
}

/** A valid French SIREN (R6: nine digits passing Luhn) that no other test uses. */
export function uniqueSiren(): string {
  for (;;) {
    const digits = String(randomInt(100_000_000, 999_999_999));
    if (passesLuhn(digits)) return digits;
  }
}

/**
 * An organization of the test's own in the run's database, registered through the domain command,
 * so that tests never see each other's data. Deleted by nobody: the run's database is dropped at the end.
 */
export async function createTestOrganization(options: { type?: string; legalName?: string } = {}): Promise<TestOrganization> {
  const identifier = uniqueUid();
  const legalName = options.legalName ?? `Test SA ${identifier.slice(-4)}`;
  const { id } = await registerOrganization(database(), testActor, {
    identifierKind: 'uid',
    identifier,
    legalName,
    type: (options.type ?? 'employer') as OrganizationType,
  });
  return { id, identifier, legalName };
}
