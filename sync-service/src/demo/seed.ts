import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { KeycloakAdmin } from '../adapters/keycloak/index.js';
import { runCommand, type Actor, type CommandContext } from '../commands/command.js';
import { decideMandate, requestMandate } from '../mandates/commands.js';
import { assignDelegate, setDelegateRights } from '../mandates/delegates.js';
import { addMember } from '../members/commands.js';
import { setRights } from '../members/rights.js';
import { registerOrganization } from '../organizations/commands.js';
import { appointOperator } from '../operator/appoint.js';
import { reconcile } from '../projection/reconciler.js';
import { importRegistry } from '../registry/import.js';
import { syncCatalogue } from '../services/catalogue.js';
import { subscribe } from '../services/subscriptions.js';
import { addUnit } from '../units/commands.js';
import { businessDay } from '../domain/business-day.js';
import { portal, withPortal, type Profile } from '../profile/profile.js';
import { setMailSecurityKey } from '../organizations/mail-security-key.js';
import { demoPassword, worldFor, type DemoMandate, type DemoOrganization, type DemoWorld } from './world.js';

export { demoPassword, demoWorlds, worldFor, type DemoOrganization, type DemoWorld, type Role } from './world.js';

type Log = (message: string) => void;

const demoActor: Actor = { personId: null, label: 'demo seed' };
/** The demo's operator (R31), who holds the realm role procura-operator. */
export const demoOperatorEmail = 'olivia.operateur@procura.example';

/**
 * Writes the demo world of `profile` (issue 17: each portal's own) into PostgreSQL through the
 * domain commands, under that profile's rules, in one transaction, projects it onto Keycloak with
 * the reconciler, and gives its people the demo password. Runs once: a database that already holds
 * the demo organizations is left alone.
 */
export function seedDemo(pool: pg.Pool, keycloak: KeycloakAdmin, log: Log, profile: Profile = portal()): Promise<boolean> {
  return withPortal(profile, () => seedWorldOnce(pool, keycloak, log, worldFor(profile.id)));
}

async function seedWorldOnce(pool: pg.Pool, keycloak: KeycloakAdmin, log: Log, world: DemoWorld): Promise<boolean> {
  const { people, organizations, signUpCandidates } = world;
  await syncCatalogue(pool);
  await seedRegistry(pool, log, signUpCandidates);
  const first = organizations[0]!;
  const existing = await pool.query('SELECT 1 FROM organization WHERE identifier_kind = $1 AND identifier = $2', [first.identifierKind, first.identifier]);
  if (existing.rowCount) {
    // Written earlier; finish the projection if that start was stopped before it was done.
    const unprojected = await pool.query('SELECT 1 FROM person WHERE email = ANY($1::text[]) AND keycloak_user_id IS NULL', [people.map((p) => p.email)]);
    if (!unprojected.rowCount) return false;
    await projectAndSetPasswords(pool, keycloak, log, world);
    return true;
  }
  try {
    await writeWorld(pool, log, world);
  } catch (error) {
    throw new Error(`the demo data could not be written (npm start -- --reset starts afresh): ${(error as Error).message}`, { cause: error });
  }
  await projectAndSetPasswords(pool, keycloak, log, world);
  return true;
}

/** The world's organizations, people and mandates written through the domain commands, in one transaction, under the profile in force. */
async function writeWorld(pool: pg.Pool, log: Log, world: DemoWorld): Promise<void> {
  await runCommand(pool, demoActor, (context) => seedWorld(context, log, world));
}

/** The demo world of `profile` written under its rules, without Keycloak (a check that the world fits its portal). */
export function writeDemoWorld(pool: pg.Pool, profile: Profile, log: Log = () => {}): Promise<void> {
  return withPortal(profile, async () => {
    await syncCatalogue(pool);
    await writeWorld(pool, log, worldFor(profile.id));
  });
}

async function projectAndSetPasswords(pool: pg.Pool, keycloak: KeycloakAdmin, log: Log, { people }: DemoWorld): Promise<void> {
  const report = await reconcile(pool, keycloak, { scope: { all: true } });
  log(`projected onto Keycloak: ${report.calls.writes} writes`);
  const accounts = await pool.query<{ keycloak_user_id: string }>('SELECT keycloak_user_id FROM person WHERE email = ANY($1::text[])', [
    people.map((p) => p.email),
  ]);
  for (const { keycloak_user_id: id } of accounts.rows) await keycloak.setPassword(id, demoPassword, { temporary: false });
  await seedOperator(pool, keycloak, log);
}

/** R10, R11: the registry entries that the public sign-up recognizes; imported once (a database that has them is left alone). */
async function seedRegistry(pool: pg.Pool, log: Log, signUpCandidates: DemoWorld['signUpCandidates']): Promise<void> {
  const known = await pool.query('SELECT 1 FROM registry_entry WHERE name = ANY($1::text[])', [signUpCandidates.map((entry) => entry.name)]);
  if (known.rowCount === signUpCandidates.length) return;
  const report = await importRegistry(
    pool,
    demoActor,
    signUpCandidates.map((value, index) => ({ line: index + 1, value })),
  );
  if (report.rejected.length > 0) throw new Error(`the demo registry was refused: ${JSON.stringify(report.rejected)}`);
  log(`registry: ${signUpCandidates.map((entry) => `${entry.name} (${entry.identifier})`).join(', ')} may sign up`);
}

/** R31: one person of the operator's staff, to try the back office (decision 0022). */
async function seedOperator(pool: pg.Pool, keycloak: KeycloakAdmin, log: Log): Promise<void> {
  const account =
    (await keycloak.findUserByEmail(demoOperatorEmail)) ??
    (await keycloak.createUser({ email: demoOperatorEmail, givenName: 'Olivia', familyName: 'Opérateur', enabled: true, emailVerified: true }));
  await keycloak.setPassword(account.id, demoPassword, { temporary: false });
  await appointOperator(pool, keycloak, demoOperatorEmail, demoActor.label);
  log(`operator: ${demoOperatorEmail}`);
}

/** The demo world, written through the domain commands (rules checked, audited, projected) within one command. */
async function seedWorld(context: CommandContext, log: Log, world: DemoWorld): Promise<void> {
  const organizationIds = new Map<string, string>();
  const memberships = new Map<string, string>();
  for (const organization of world.organizations) {
    const organizationId = await seedOrganization(context, organization, memberships, world);
    organizationIds.set(organization.key, organizationId);
    log(`demo organization ${organization.legalName}`);
  }
  for (const mandate of world.mandates) await seedMandate(context, mandate, organizationIds, memberships);
}

async function seedOrganization(
  context: CommandContext,
  organization: DemoOrganization,
  memberships: Map<string, string>,
  { people }: DemoWorld,
): Promise<string> {
  const { identifierKind, identifier, legalName, type } = organization;
  const { id: organizationId } = await registerOrganization.within(context, { identifierKind, identifier, legalName, type });
  const unitIds = new Map<string, string>();
  for (const unit of organization.units) unitIds.set(unit.name, (await addUnit.within(context, { organizationId, ...unit })).id);
  for (const serviceId of organization.subscriptions) await subscribe.within(context, { organizationId, serviceId });
  if (organization.mailSecurityKey) await setMailSecurityKey.within(context, { organizationId, key: organization.mailSecurityKey });
  for (const member of organization.members) {
    const person = people.find((p) => p.email === member.email)!;
    const expiresOn = member.expiresInMonths === undefined ? null : endOfMonthAhead(member.expiresInMonths);
    const { membershipId } = await addMember.within(context, { organizationId, ...person, role: member.role, status: 'active', expiresOn });
    memberships.set(`${organization.key}|${member.email}`, membershipId);
    const rights = (member.rights ?? []).map((grant) => {
      const [serviceRight = '', unitName] = grant.split('@');
      const [serviceId = '', rightId = ''] = serviceRight.split(':');
      return { serviceId, rightId, unitId: unitName ? unitIds.get(unitName)! : null };
    });
    if (rights.length > 0) await setRights.within(context, { membershipId, rights });
  }
  return organizationId;
}

/** The last day of the month `months` after today's (YYYY-MM-DD). */
function endOfMonthAhead(months: number): string {
  const [year = 0, month = 0] = businessDay().split('-').map(Number);
  return new Date(Date.UTC(year, month + months, 0)).toISOString().slice(0, 10);
}

async function seedMandate(
  context: CommandContext,
  mandate: DemoMandate,
  organizationIds: Map<string, string>,
  memberships: Map<string, string>,
): Promise<void> {
  const document = `demo/procuration-${mandate.client}.pdf`;
  const { id: mandateId } = await requestMandate.within(context, {
    fiduciaryId: organizationIds.get(mandate.fiduciary)!,
    clientId: organizationIds.get(mandate.client)!,
    powerOfAttorneyRef: document,
    powerOfAttorneySha256: createHash('sha256').update(document).digest('hex'),
  });
  await decideMandate.within(context, { mandateId, decision: 'active' });
  const membershipId = memberships.get(`${mandate.fiduciary}|${mandate.delegate}`)!;
  await assignDelegate.within(context, { mandateId, membershipId });
  const rights = mandate.rights.map((grant) => {
    const [serviceId = '', rightId = ''] = grant.split(':');
    return { serviceId, rightId };
  });
  await setDelegateRights.within(context, { mandateId, membershipId, rights });
}
