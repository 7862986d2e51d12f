import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadServices } from '@procura/realm-config';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import type { Role } from '../domain/roles.js';
import type { IdentifierKind } from '../organizations/identifiers.js';
import type { OrganizationType } from '../domain/organization-types.js';
import type { NoticeRecipients } from '../domain/notices.js';
import type { ServiceRight } from '../domain/rights.js';

/**
 * Issue 17: what one portal decides for itself — one JSON file per portal in
 * `sync-service/profiles/`, checked against `profile.schema.json` at start. The domain reads its
 * settings through `portal()` and never tests a portal's name; what no profile may turn off stays
 * in the rules (decision 0051).
 */
export interface Localized {
  readonly fr: string;
  readonly en: string;
}

/**
 * R34, issue 16 item 6: the support contact people are given when they cannot sign in or a page fails —
 * the `support` of the portal's profile.
 */
export interface SupportContact {
  readonly email: string;
  readonly phone: string;
  readonly hours: { readonly fr: string; readonly en: string };
}

export type OrganizationField = 'identifierKind' | 'identifier' | 'category' | 'type' | 'address' | 'legalName';

export interface Profile {
  readonly id: string;
  readonly name: Localized;
  /** The source document the profile follows; null for the mixed profile. */
  readonly document: string | null;
  readonly look: { readonly logo: string; readonly colours: { readonly primary: string; readonly onPrimary: string; readonly accent: string } };
  readonly support: SupportContact;
  readonly roles: { readonly offered: readonly Role[]; readonly labels: Readonly<Record<Role, Localized>> };
  readonly invitations: { readonly by: 'managers' | 'members' };
  readonly organizations: {
    readonly types: readonly OrganizationType[];
    readonly identifierKinds: readonly IdentifierKind[];
    readonly mustNotMix: ReadonlyArray<readonly [OrganizationType, OrganizationType]>;
    readonly signUpAtOnce: readonly OrganizationType[];
    readonly identifierUnique: 'identifier' | 'identifier_and_type';
    readonly immutable: readonly OrganizationField[];
  };
  readonly units: { readonly byOperatorFor: readonly OrganizationType[] };
  readonly account: { readonly loginEmail: 'changeable' | 'fixed' };
  readonly members: { readonly managersEditDetails: boolean };
  readonly activation: { readonly mailSecurityKey: boolean; readonly secretQuestion: boolean };
  readonly mandates: { readonly enabled: boolean };
  readonly expiryReminders: { readonly enabled: boolean; readonly dayOfMonth: number };
  readonly letters: { readonly enabled: boolean };
  readonly notices: { readonly recipients: NoticeRecipients };
  readonly accessRequests: { readonly observerRights: readonly ServiceRight[] };
  readonly services: readonly string[];
}

type Environment = Readonly<Record<string, string | undefined>>;

export const profilesDir = new URL('../../profiles/', import.meta.url);
export const defaultProfile = 'procura';

/** The profiles shipped in `sync-service/profiles/`, by name. */
export function shippedProfiles(): string[] {
  return readdirSync(profilesDir)
    .filter((file) => file.endsWith('.json') && file !== 'profile.schema.json')
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

let validator: ReturnType<Ajv2020['compile']> | undefined;
function validate(value: unknown): readonly ErrorObject[] {
  validator ??= new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(new URL('profile.schema.json', profilesDir), 'utf8')) as object);
  return validator(value) ? [] : (validator.errors ?? []);
}

/** One schema error as people read it: where (a JSON Pointer into the file) and what. */
function describe(error: ErrorObject): string {
  const at = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') return `${at}: unknown setting "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'required') return `${at}: "${String(error.params.missingProperty)}" is missing`;
  if (error.keyword === 'enum') return `${at}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at}: ${error.message ?? 'is not valid'}`;
}

/** The relative luminance of a #rrggbb colour (WCAG 2). */
function luminance(colour: string): number {
  const channel = (offset: number): number => {
    const c = Number.parseInt(colour.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** What the schema cannot say: references between settings and to the catalogue. */
function coherence(profile: Profile): string[] {
  const problems: string[] = [];
  const catalogue = loadServices();
  const known = new Set(catalogue.map((service) => service.id));
  profile.services.forEach((id, index) => {
    if (!known.has(id)) problems.push(`/services/${index}: "${id}" is not a service of the catalogue (realm-config/services.json)`);
  });
  const offered = new Set(profile.services);
  profile.accessRequests.observerRights.forEach((right, index) => {
    const service = catalogue.find((s) => s.id === right.serviceId);
    if (!service || !offered.has(right.serviceId) || !service.rights.some((r) => r.id === right.rightId)) {
      problems.push(`/accessRequests/observerRights/${index}: "${right.serviceId}:${right.rightId}" is not a right of a service this profile offers`);
    }
  });
  if (!profile.roles.offered.includes('legal_representative'))
    problems.push('/roles/offered: must include "legal_representative" (sign-up and recovery appoint one)');
  const types = new Set(profile.organizations.types);
  const typed = (pointer: string, list: readonly OrganizationType[]): void =>
    list.forEach((type, index) => {
      if (!types.has(type)) problems.push(`${pointer}/${index}: "${type}" is not among /organizations/types`);
    });
  typed('/organizations/signUpAtOnce', profile.organizations.signUpAtOnce);
  typed('/units/byOperatorFor', profile.units.byOperatorFor);
  profile.organizations.mustNotMix.forEach(([a, b], index) => {
    if (a === b) problems.push(`/organizations/mustNotMix/${index}: a pair of two different types`);
  });
  if (!existsSync(new URL(`logos/${profile.look.logo}`, profilesDir))) problems.push(`/look/logo: no file sync-service/profiles/logos/${profile.look.logo}`);
  const ratio = contrast(profile.look.colours.primary, profile.look.colours.onPrimary);
  if (ratio < 4.5) problems.push(`/look/colours/onPrimary: contrast with primary is ${ratio.toFixed(2)}:1, below 4.5:1`);
  return problems;
}

/**
 * Checks a profile's JSON: a malformed one throws, naming the file and every field at fault (a JSON
 * Pointer into it), rather than starting a portal with settings nobody chose.
 */
export function parseProfile(value: unknown, source: string): Profile {
  const errors = validate(value);
  if (errors.length > 0) throw new Error(`profile ${source}: ${errors.map(describe).join('; ')}`);
  const { $schema: _schema, $comment: _comment, ...profile } = value as Profile & { $schema?: string; $comment?: string };
  const problems = coherence(profile);
  if (problems.length > 0) throw new Error(`profile ${source}: ${problems.join('; ')}`);
  return profile;
}

/** The file of a profile: a shipped name (`peps`), or a path to a JSON file of one's own. */
export function profileFile(name: string): URL | string {
  if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
    const shipped = new URL(`${name}.json`, profilesDir);
    if (!existsSync(shipped))
      throw new Error(`PROCURA_PROFILE: no profile "${name}"; the shipped ones are ${shippedProfiles().join(', ')} (or give the path of a JSON file)`);
    return shipped;
  }
  return name;
}

/** Reads and checks the profile of `PROCURA_PROFILE` (a shipped name or a file), `procura` when unset. */
export function loadProfile(env: Environment = process.env): Profile {
  const file = profileFile(env.PROCURA_PROFILE || defaultProfile);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`PROCURA_PROFILE: cannot read ${String(file)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`profile ${String(file)}: not JSON (${(error as Error).message})`);
  }
  return parseProfile(value, file instanceof URL ? `sync-service/profiles/${file.pathname.split('/').pop() ?? ''}` : file);
}

let processProfile: Profile | undefined;
const scoped = new AsyncLocalStorage<Profile>();

/**
 * The profile in force: the one an app was given for the request being served (`withPortal`), else
 * the process's (`PROCURA_PROFILE`), read once. One process serves one portal in production; the
 * scope lets a test process host apps of several profiles side by side (decision 0051).
 */
export function portal(): Profile {
  const current = scoped.getStore();
  if (current) return current;
  processProfile ??= loadProfile();
  return processProfile;
}

/** Runs `work` (and everything it awaits) under `profile`. */
export function withPortal<T>(profile: Profile, work: () => T): T {
  return scoped.run(profile, work);
}
