import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

/**
 * The format of the organization-keyed claims that Procura's mapper puts in access tokens
 * (`claims/organizations-claim.schema.json`, draft 2020-12), for applications and for the tests
 * that check real tokens against it.
 */
export const organizationsClaimSchema = JSON.parse(readFileSync(new URL('../claims/organizations-claim.schema.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(organizationsClaimSchema);

/** The schema's complaints about a token payload (its other claims are ignored); empty when it conforms. */
export function organizationsClaimErrors(payload: unknown): string[] {
  if (validate(payload)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}
