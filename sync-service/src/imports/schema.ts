import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * One line of an import file: a person's membership of an organization, with its rights. The
 * organization (and the unit) are created when they do not exist yet. JSON files hold an array of
 * these objects; CSV files the same fields as columns, lists separated by spaces.
 */
export const importLineSchema = {
  $id: 'urn:procura:import-line',
  type: 'object',
  additionalProperties: false,
  required: ['organization', 'email'],
  properties: {
    organization: { type: 'string', minLength: 3, maxLength: 40, description: 'identifier: affiliate number, UID (CHE-123.456.789), SIRET or SIREN' },
    organization_kind: { enum: ['affiliate', 'uid', 'siret', 'siren'] },
    organization_name: { type: 'string', minLength: 1, maxLength: 200 },
    organization_type: { enum: ['employer', 'fiduciary', 'prescriber', 'training_body', 'public_body', 'other'] },
    services: {
      type: 'array',
      maxItems: 100,
      items: { type: 'string', maxLength: 64, pattern: '^[a-z0-9-]+$' },
      uniqueItems: true,
      description: 'services the organization subscribes to',
    },
    unit: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '^(?![a-z0-9-]+:)',
      description: 'a branch of the organization; rights then hold for it only',
    },
    email: { type: 'string', format: 'email', maxLength: 254 },
    given_name: { type: 'string', maxLength: 100 },
    family_name: { type: 'string', maxLength: 100 },
    role: { enum: ['legal_representative', 'deputy', 'manager', 'member', 'observer'] },
    rights: {
      type: 'array',
      maxItems: 500,
      items: { type: 'string', maxLength: 129, pattern: '^[a-z0-9-]+:[a-z0-9-]+$' },
      uniqueItems: true,
      description: 'service:right',
    },
  },
} as const;

export interface ImportLine {
  organization: string;
  organization_kind?: 'affiliate' | 'uid' | 'siret' | 'siren';
  organization_name?: string;
  organization_type?: 'employer' | 'fiduciary' | 'prescriber' | 'training_body' | 'public_body' | 'other';
  services?: string[];
  unit?: string;
  email: string;
  given_name?: string;
  family_name?: string;
  role?: 'legal_representative' | 'deputy' | 'manager' | 'member' | 'observer';
  rights?: string[];
}

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
addFormats.default(ajv);
export const validateImportLine = ajv.compile<ImportLine>(importLineSchema);
