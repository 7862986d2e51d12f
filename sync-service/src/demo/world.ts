/**
 * The demo worlds, one per portal profile (issue 17), taken from the source documents; the mixed
 * profile's: a Swiss employer with a branch (FER CIAM), a French company with two antennas sharing
 * its SIRET (emplois de l'inclusion), and a fiduciary with mandates on both (FER CIAM's "mandats"),
 * with people in every role. Identifiers are fictitious but valid (R6 check digits); names and
 * addresses are invented.
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
  /** R19: the account expires at the end of the month this many months ahead (peps' expiring accounts). */
  readonly expiresInMonths?: number;
}

export interface DemoOrganization {
  readonly key: string;
  readonly identifierKind: 'uid' | 'siret' | 'siren' | 'affiliate';
  readonly identifier: string;
  readonly legalName: string;
  readonly type: 'employer' | 'fiduciary' | 'prescriber' | 'training_body' | 'public_body' | 'other';
  readonly units: ReadonlyArray<{ kind: 'branch' | 'antenna' | 'establishment'; name: string; identifierKind?: 'affiliate' | 'siret'; identifier?: string }>;
  readonly subscriptions: readonly string[];
  readonly members: readonly DemoMembership[];
  /** R16, R23: the mail security key its people give at activation (Geneva). */
  readonly mailSecurityKey?: string;
}

export interface DemoMandate {
  readonly fiduciary: string;
  readonly client: string;
  readonly delegate: string;
  readonly rights: readonly string[];
}

export interface SignUpCandidate {
  readonly identifier: string;
  readonly kind?: 'siret';
  readonly name: string;
  readonly status: 'active';
}

/** One portal's demo: its people, organizations, mandates and the registry's entries not yet signed up. */
export interface DemoWorld {
  readonly people: readonly DemoPerson[];
  readonly organizations: readonly DemoOrganization[];
  readonly mandates: readonly DemoMandate[];
  /** Who to sign in as first, and what they show (printed by npm start). */
  readonly tour: string;
  readonly signUpCandidates: readonly SignUpCandidate[];
}

const people: readonly DemoPerson[] = [
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

const organizations: readonly DemoOrganization[] = [
  {
    key: 'horlogerie',
    identifierKind: 'uid',
    identifier: 'CHE123456788',
    legalName: 'Horlogerie Léman SA',
    type: 'employer',
    units: [{ kind: 'branch', name: 'Succursale Lausanne', identifierKind: 'affiliate', identifier: '100234' }],
    subscriptions: ['salary-declaration', 'employer-inbox', 'contributions', 'company-journal'],
    members: [
      {
        email: 'lea.favre@horlogerie-leman.example',
        role: 'legal_representative',
        rights: ['employer-inbox:read', 'employer-inbox:archive', 'contributions:read'],
      },
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
const mandates: readonly DemoMandate[] = [
  {
    fiduciary: 'fiduciaire',
    client: 'horlogerie',
    delegate: 'luc.girard@alpes-conseil.example',
    rights: ['salary-declaration:read', 'salary-declaration:submit', 'employer-inbox:read'],
  },
  { fiduciary: 'fiduciaire', client: 'boulangerie', delegate: 'luc.girard@alpes-conseil.example', rights: ['employer-inbox:read'] },
];

/**
 * R10, R11: organizations the registry knows that are not on the platform yet, so that the public
 * sign-up can be tried at once on the demo (docs/first-steps.md).
 */
const signUpCandidates: readonly SignUpCandidate[] = [
  { identifier: 'CHE-314.159.269', name: 'Menuiserie du Jura Sàrl', status: 'active' },
  { identifier: '424 242 402 00016', kind: 'siret', name: 'Transports du Rhône SARL', status: 'active' },
];

const swissCandidate: SignUpCandidate = { identifier: 'CHE-314.159.269', name: 'Menuiserie du Jura Sàrl', status: 'active' };
const frenchCandidate: SignUpCandidate = { identifier: '424 242 402 00016', kind: 'siret', name: 'Transports du Rhône SARL', status: 'active' };
const person = (email: string, givenName: string, familyName: string): DemoPerson => ({ email, givenName, familyName });

/** The mixed profile's world: every feature at once. */
const procura: DemoWorld = {
  people,
  organizations,
  mandates,
  signUpCandidates,
  tour: 'Léa Favre is the legal representative of Horlogerie Léman SA; Luc Girard is a fiduciary delegate (in the employer inbox, he sees the letters of both clients whose mandate grants him read)',
};

/** fer-ge: affiliates of a Geneva compensation fund, a branch with its own affiliate number, a fiduciary with mandates. */
const ferGe: DemoWorld = {
  people: [
    person('lea.favre@horlogerie-leman.example', 'Léa', 'Favre'),
    person('marc.rochat@horlogerie-leman.example', 'Marc', 'Rochat'),
    person('jean.morel@horlogerie-leman.example', 'Jean', 'Morel'),
    person('nina.keller@horlogerie-leman.example', 'Nina', 'Keller'),
    person('pierre.dubois@garage-acacias.example', 'Pierre', 'Dubois'),
    person('anne.berset@alpes-conseil.example', 'Anne', 'Berset'),
    person('luc.girard@alpes-conseil.example', 'Luc', 'Girard'),
  ],
  organizations: [
    {
      key: 'horlogerie',
      identifierKind: 'affiliate',
      identifier: '100200',
      legalName: 'Horlogerie Léman SA',
      type: 'employer',
      units: [{ kind: 'branch', name: 'Succursale Carouge', identifierKind: 'affiliate', identifier: '100234' }],
      subscriptions: ['salary-declaration', 'contributions', 'insurance-certificates', 'company-journal'],
      members: [
        {
          email: 'lea.favre@horlogerie-leman.example',
          role: 'legal_representative',
          rights: ['contributions:read', 'salary-declaration:read', 'salary-declaration:submit'],
        },
        { email: 'marc.rochat@horlogerie-leman.example', role: 'deputy', rights: ['insurance-certificates:read'] },
        { email: 'jean.morel@horlogerie-leman.example', role: 'member', rights: ['salary-declaration:read@Succursale Carouge'] },
        { email: 'nina.keller@horlogerie-leman.example', role: 'observer', rights: ['company-journal:read'] },
      ],
    },
    {
      key: 'garage',
      identifierKind: 'affiliate',
      identifier: '100311',
      legalName: 'Garage des Acacias SA',
      type: 'employer',
      units: [],
      subscriptions: ['salary-declaration', 'contributions'],
      members: [{ email: 'pierre.dubois@garage-acacias.example', role: 'legal_representative', rights: ['contributions:read'] }],
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
  ],
  mandates: [
    {
      fiduciary: 'fiduciaire',
      client: 'horlogerie',
      delegate: 'luc.girard@alpes-conseil.example',
      rights: ['salary-declaration:read', 'salary-declaration:submit'],
    },
    { fiduciary: 'fiduciaire', client: 'garage', delegate: 'luc.girard@alpes-conseil.example', rights: ['contributions:read'] },
  ],
  tour: 'Léa Favre is the requérant of Horlogerie Léman SA (affiliate 100200), Marc Rochat its requérant adjoint; Luc Girard acts for two affiliates through the mandates of Fiduciaire Alpes Conseil',
  signUpCandidates: [swissCandidate],
};

/** ge-edemarches: Geneva companies by their UID, managers who edit their people's details, a mail security key. */
const geEdemarches: DemoWorld = {
  people: [
    person('isabelle.rochat@atelier-rhone.example', 'Isabelle', 'Rochat'),
    person('thomas.vuille@atelier-rhone.example', 'Thomas', 'Vuille'),
    person('camille.perret@atelier-rhone.example', 'Camille', 'Perret'),
    person('nicolas.favre@plan-les-ouates.example', 'Nicolas', 'Favre'),
  ],
  organizations: [
    {
      key: 'atelier',
      identifierKind: 'uid',
      identifier: 'CHE417520936',
      legalName: 'Atelier du Rhône Sàrl',
      type: 'employer',
      units: [],
      subscriptions: ['salary-declaration', 'insurance-certificates'],
      mailSecurityKey: 'Rhone-2026-cle',
      members: [
        { email: 'isabelle.rochat@atelier-rhone.example', role: 'legal_representative', rights: ['salary-declaration:read', 'salary-declaration:submit'] },
        { email: 'thomas.vuille@atelier-rhone.example', role: 'manager', rights: ['insurance-certificates:read'] },
        { email: 'camille.perret@atelier-rhone.example', role: 'member', rights: ['salary-declaration:read'] },
      ],
    },
    {
      key: 'fondation',
      identifierKind: 'uid',
      identifier: 'CHE528631049',
      legalName: 'Fondation des Ateliers Genevois',
      type: 'other',
      units: [],
      subscriptions: ['insurance-certificates'],
      members: [{ email: 'nicolas.favre@plan-les-ouates.example', role: 'legal_representative', rights: ['insurance-certificates:read'] }],
    },
  ],
  mandates: [],
  tour: "Isabelle Rochat is the gestionnaire responsable of Atelier du Rhône Sàrl: she edits Camille Perret's details and code channel; the company has a mail security key",
  signUpCandidates: [swissCandidate],
};

/** fafiec: French companies by SIRET with their establishments (added by the fund), the login e-mail fixed. */
const fafiec: DemoWorld = {
  people: [
    person('helene.garnier@ingenierie-conseil.example', 'Hélène', 'Garnier'),
    person('julien.caron@ingenierie-conseil.example', 'Julien', 'Caron'),
    person('sarah.lemoine@formations-numeriques.example', 'Sarah', 'Lemoine'),
  ],
  organizations: [
    {
      key: 'ingenierie',
      identifierKind: 'siret',
      identifier: '51234567900017',
      legalName: 'Ingénierie Conseil SAS',
      type: 'employer',
      units: [{ kind: 'establishment', name: 'Établissement de Nantes', identifierKind: 'siret', identifier: '51234567900025' }],
      subscriptions: ['contributions'],
      members: [
        { email: 'helene.garnier@ingenierie-conseil.example', role: 'legal_representative', rights: ['contributions:read', 'contributions:pay'] },
        { email: 'julien.caron@ingenierie-conseil.example', role: 'member', rights: ['contributions:read@Établissement de Nantes'] },
      ],
    },
    {
      key: 'formations',
      identifierKind: 'siret',
      identifier: '62345678700018',
      legalName: 'Formations Numériques SARL',
      type: 'training_body',
      units: [],
      subscriptions: ['contributions'],
      members: [{ email: 'sarah.lemoine@formations-numeriques.example', role: 'legal_representative', rights: ['contributions:read'] }],
    },
  ],
  mandates: [],
  tour: 'Hélène Garnier holds the access of Ingénierie Conseil SAS and its establishment in Nantes; her login e-mail cannot change (the contact e-mail can)',
  signUpCandidates: [frenchCandidate],
};

/** emplois-inclusion: an employer and a prescriber sharing one SIRET, each with its antennas, separate accounts. */
const emploisInclusion: DemoWorld = {
  people: [
    person('karim.benali@jardins-solidaires.example', 'Karim', 'Benali'),
    person('emma.roux@jardins-solidaires.example', 'Emma', 'Roux'),
    person('sylvie.marchand@mission-locale-rhone.example', 'Sylvie', 'Marchand'),
    person('hugo.petit@mission-locale-rhone.example', 'Hugo', 'Petit'),
  ],
  organizations: [
    {
      key: 'jardins',
      identifierKind: 'siret',
      identifier: '83456789300013',
      legalName: 'Les Jardins Solidaires',
      type: 'employer',
      units: [{ kind: 'antenna', name: 'Antenne Vénissieux' }],
      subscriptions: ['company-journal'],
      members: [
        { email: 'karim.benali@jardins-solidaires.example', role: 'legal_representative', rights: ['company-journal:read'] },
        { email: 'emma.roux@jardins-solidaires.example', role: 'member', rights: ['company-journal:read@Antenne Vénissieux'] },
      ],
    },
    {
      key: 'mission-locale',
      identifierKind: 'siret',
      identifier: '83456789300013',
      legalName: 'Mission locale Rhône Sud',
      type: 'prescriber',
      units: [{ kind: 'antenna', name: 'Antenne Givors' }],
      subscriptions: ['company-journal'],
      members: [
        { email: 'sylvie.marchand@mission-locale-rhone.example', role: 'legal_representative', rights: ['company-journal:read'] },
        { email: 'hugo.petit@mission-locale-rhone.example', role: 'member' },
      ],
    },
  ],
  mandates: [],
  tour: 'Karim Benali administers Les Jardins Solidaires (employer) and Sylvie Marchand the Mission locale Rhône Sud (prescriber): one SIRET, two structures, two accounts; every member may invite',
  signUpCandidates: [frenchCandidate],
};

/** peps: employers whose accounts expire (reminder on the 20th), letters shown to the emitting service's right holders. */
const peps: DemoWorld = {
  people: [
    person('marie.lefevre@transports-alpins.example', 'Marie', 'Lefèvre'),
    person('antoine.girard@transports-alpins.example', 'Antoine', 'Girard'),
    person('lucie.bernard@transports-alpins.example', 'Lucie', 'Bernard'),
    person('olivier.masson@mairie-saint-fons.example', 'Olivier', 'Masson'),
  ],
  organizations: [
    {
      key: 'transports',
      identifierKind: 'siret',
      identifier: '94567123800018',
      legalName: 'Transports Alpins SARL',
      type: 'employer',
      units: [],
      subscriptions: ['employer-inbox', 'contributions', 'salary-declaration'],
      members: [
        { email: 'marie.lefevre@transports-alpins.example', role: 'legal_representative', rights: ['employer-inbox:read', 'contributions:read'] },
        { email: 'antoine.girard@transports-alpins.example', role: 'legal_representative', rights: ['salary-declaration:read', 'salary-declaration:submit'] },
        { email: 'lucie.bernard@transports-alpins.example', role: 'member', rights: ['employer-inbox:read', 'contributions:read'], expiresInMonths: 1 },
      ],
    },
    {
      key: 'mairie',
      identifierKind: 'siret',
      identifier: '35791246800018',
      legalName: 'Mairie de Saint-Fons',
      type: 'public_body',
      units: [],
      subscriptions: ['employer-inbox', 'insurance-certificates'],
      members: [{ email: 'olivier.masson@mairie-saint-fons.example', role: 'legal_representative', rights: ['employer-inbox:read'] }],
    },
  ],
  mandates: [],
  tour: "Marie Lefèvre and Antoine Girard are the two administrators of Transports Alpins SARL; Lucie Bernard's account expires at the end of next month (the reminder comes on the 20th); letters reach the holders of their service's right",
  signUpCandidates: [frenchCandidate],
};

/** The world of each shipped profile; a profile of one's own gets the mixed one's. */
export const demoWorlds: Readonly<Record<string, DemoWorld>> = {
  procura,
  'fer-ge': ferGe,
  'ge-edemarches': geEdemarches,
  fafiec,
  'emplois-inclusion': emploisInclusion,
  peps,
};

export function worldFor(profile: string): DemoWorld {
  return demoWorlds[profile] ?? procura;
}
