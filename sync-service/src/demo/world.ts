/**
 * The demo world, taken from the source documents: a Swiss employer with a branch (FER CIAM), a
 * French company with two antennas sharing its SIRET (emplois de l'inclusion), and a fiduciary
 * with mandates on both (FER CIAM's "mandats"), with people in every role.
 * Identifiers are fictitious but valid (R6 check digits).
 */
export const demoPassword = 'Procura-demo-2026';

export type Role = 'legal_representative' | 'deputy' | 'manager' | 'member' | 'observer';

export interface DemoPerson {
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
}

export interface DemoMembership {
  readonly email: string;
  readonly role: Role;
  /** service:right, for the whole organization, or `@unit name` for one unit. */
  readonly rights?: readonly string[];
}

export interface DemoOrganization {
  readonly key: string;
  readonly identifierKind: 'uid' | 'siret' | 'affiliate';
  readonly identifier: string;
  readonly legalName: string;
  readonly type: 'employer' | 'fiduciary';
  readonly units: ReadonlyArray<{ kind: 'branch' | 'antenna' | 'establishment'; name: string; identifierKind?: 'affiliate'; identifier?: string }>;
  readonly subscriptions: readonly string[];
  readonly members: readonly DemoMembership[];
}

export const people: readonly DemoPerson[] = [
  { email: 'lea.favre@horlogerie-leman.example', givenName: 'Léa', familyName: 'Favre' },
  { email: 'marc.rochat@horlogerie-leman.example', givenName: 'Marc', familyName: 'Rochat' },
  { email: 'sophie.blanc@horlogerie-leman.example', givenName: 'Sophie', familyName: 'Blanc' },
  { email: 'jean.morel@horlogerie-leman.example', givenName: 'Jean', familyName: 'Morel' },
  { email: 'nina.keller@horlogerie-leman.example', givenName: 'Nina', familyName: 'Keller' },
  { email: 'claire.dupont@boulangerie-dupont.example', givenName: 'Claire', familyName: 'Dupont' },
  { email: 'paul.martin@boulangerie-dupont.example', givenName: 'Paul', familyName: 'Martin' },
  { email: 'anne.berset@alpes-conseil.example', givenName: 'Anne', familyName: 'Berset' },
  { email: 'luc.girard@alpes-conseil.example', givenName: 'Luc', familyName: 'Girard' },
];

export const organizations: readonly DemoOrganization[] = [
  {
    key: 'horlogerie',
    identifierKind: 'uid',
    identifier: 'CHE123456788',
    legalName: 'Horlogerie Léman SA',
    type: 'employer',
    units: [{ kind: 'branch', name: 'Succursale Lausanne', identifierKind: 'affiliate', identifier: '100234' }],
    subscriptions: ['salary-declaration', 'employer-inbox', 'contributions', 'company-journal'],
    members: [
      { email: 'lea.favre@horlogerie-leman.example', role: 'legal_representative', rights: ['employer-inbox:read', 'employer-inbox:archive', 'contributions:read'] },
      { email: 'marc.rochat@horlogerie-leman.example', role: 'deputy' },
      { email: 'sophie.blanc@horlogerie-leman.example', role: 'manager', rights: ['salary-declaration:read', 'salary-declaration:submit'] },
      { email: 'jean.morel@horlogerie-leman.example', role: 'member', rights: ['employer-inbox:read@Succursale Lausanne'] },
      { email: 'nina.keller@horlogerie-leman.example', role: 'observer', rights: ['company-journal:read'] },
    ],
  },
  {
    key: 'boulangerie',
    identifierKind: 'siret',
    identifier: '73282931200014',
    legalName: 'Boulangerie Dupont SAS',
    type: 'employer',
    units: [
      { kind: 'antenna', name: 'Antenne Lyon' },
      { kind: 'antenna', name: 'Antenne Villeurbanne' },
    ],
    subscriptions: ['salary-declaration', 'employer-inbox'],
    members: [
      { email: 'claire.dupont@boulangerie-dupont.example', role: 'legal_representative', rights: ['employer-inbox:read'] },
      { email: 'paul.martin@boulangerie-dupont.example', role: 'member', rights: ['employer-inbox:read@Antenne Lyon'] },
    ],
  },
  {
    key: 'fiduciaire',
    identifierKind: 'uid',
    identifier: 'CHE234567895',
    legalName: 'Fiduciaire Alpes Conseil Sàrl',
    type: 'fiduciary',
    units: [],
    subscriptions: [],
    members: [
      { email: 'anne.berset@alpes-conseil.example', role: 'legal_representative' },
      { email: 'luc.girard@alpes-conseil.example', role: 'member' },
    ],
  },
];

/** Active mandates of the fiduciary, with the delegate and the rights granted one by one (R25). */
export const mandates = [
  { fiduciary: 'fiduciaire', client: 'horlogerie', delegate: 'luc.girard@alpes-conseil.example', rights: ['salary-declaration:read', 'salary-declaration:submit', 'employer-inbox:read'] },
  { fiduciary: 'fiduciaire', client: 'boulangerie', delegate: 'luc.girard@alpes-conseil.example', rights: ['employer-inbox:read'] },
] as const;

/**
 * R10, R11: organizations the registry knows that are not on the platform yet, so that the public
 * sign-up can be tried at once on the demo (docs/first-steps.md).
 */
export const signUpCandidates = [
  { identifier: 'CHE-314.159.269', name: 'Menuiserie du Jura Sàrl', status: 'active' },
  { identifier: '424 242 402 00016', kind: 'siret', name: 'Transports du Rhône SARL', status: 'active' },
] as const;
