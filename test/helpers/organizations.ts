import { passesLuhn, uidCheckDigit } from '@procura/sync-service/organizations/check-digits';
import { registerOrganization, type OrganizationType } from '@procura/sync-service/organizations/commands';
import { testActor } from './actor.js';
import { database } from './stack.js';

export interface TestOrganization {
  readonly id: string;
  readonly identifier: string;
  readonly legalName: string;
}

/**
 * Digits no other call of the run draws: random ones collided in about one run in ten (thousands
 * of organizations among 82 million UIDs). Each worker has a leading digit of its own, the rest is
 * the clock's milliseconds, one value per millisecond at most, so that a worker never repeats
 * itself and two workers never meet (a run lasts minutes; the clock's digits turn over in hours).
 */
let lastMillisecond = 0;
function uniqueDigits(length: number, valid: (digits: string) => boolean): string {
  const worker = (Number(process.env.VITEST_POOL_ID ?? 1) % 9) + 1;
  const span = 10 ** (length - 1);
  for (;;) {
    lastMillisecond = Math.max(lastMillisecond + 1, Date.now());
    const digits = `${worker}${String(lastMillisecond % span).padStart(length - 1, '0')}`;
    if (valid(digits)) return digits;
  }
}

/** A valid Swiss UID (R6) that no other test of the run uses, with its mod-11 check digit. */
export function uniqueUid(): string {
  const digits = uniqueDigits(8, (candidate) => uidCheckDigit(candidate) !== undefined);
  return `CHE${digits}${uidCheckDigit(digits)}`;
}

/** A valid French SIREN (R6: nine digits passing Luhn) that no other test of the run uses. */
export function uniqueSiren(): string {
  return uniqueDigits(9, passesLuhn);
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
