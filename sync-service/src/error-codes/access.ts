import type { Entries } from './entry.js';

/** Signing in, the policy and the decision endpoint. */
export const accessErrors = {
  'auth.invalid_token': {
    status: 401,
    fr: "Jeton d'accès refusé (expiré, falsifié ou destiné à un autre client).",
    en: 'Access token refused (expired, tampered with or meant for another client).',
  },
  'auth.required': { status: 401, fr: 'Connectez-vous pour continuer.', en: 'Please sign in to continue.' },
  'auth.cross_site': { status: 403, fr: 'Requête refusée : elle ne vient pas de la console.', en: 'Request refused: it does not come from the console.' },
  'auth.no_person': { status: 403, fr: "Ce compte n'est rattaché à aucune organisation.", en: 'This account belongs to no organization.' },
  'auth.second_factor_missing': {
    status: 403,
    fr: "Connexion refusée : elle n'est pas passée par le second facteur (code ou application d'authentification). Recommencez ; si cela se répète, prévenez le support.",
    en: 'Sign-in refused: it did not go through the second factor (a code or an authenticator app). Please start again; if it happens again, tell support.',
  },
  'auth.login_expired': {
    status: 400,
    fr: 'La connexion a expiré ou a déjà servi ; recommencez.',
    en: 'The sign-in expired or was already used; please start again.',
  },
  'decision.other_service': {
    status: 403,
    field: 'service',
    fr: "Un service ne demande de décision que sur ses propres droits, jamais sur ceux d'un autre service.",
    en: "A service asks for decisions on its own rights only, never on another service's.",
  },
  /** `role`: the caller's role in the organization; `person`: a person (token or session) called a route for services only. */
  'policy.forbidden': {
    status: 403,
    says: ({ by }: { readonly by: 'role' | 'person' }) =>
      by === 'role'
        ? {
            fr: 'Votre rôle dans cette organisation ne permet pas cette action ; adressez-vous à un de ses gestionnaires.',
            en: 'Your role in this organization does not allow this action; ask one of its managers.',
          }
        : {
            fr: 'Réservé aux services, authentifiés par leurs propres identifiants client (client credentials), jamais à une personne.',
            en: 'For services only, authenticated with their own client credentials, never for a person.',
          },
  },
  'policy.operator_only': {
    status: 403,
    fr: "Réservé à l'équipe de l'opérateur de la plateforme (rôle procura-operator).",
    en: "For the platform operator's staff only (role procura-operator).",
  },
  /** `refused`: the token failed its checks; `missing`: the request carried none. */
  'auth.logout_token_invalid': {
    status: 400,
    field: 'logout_token',
    says: ({ token }: { readonly token: 'refused' | 'missing' }) =>
      token === 'refused'
        ? { fr: 'Jeton de déconnexion refusé.', en: 'Logout token refused.' }
        : { fr: 'Jeton de déconnexion absent.', en: 'Logout token missing.' },
  },
  'auth.recent_sign_in_required': {
    status: 403,
    says: ({ minutes }: { readonly minutes: number }) => ({
      fr: `Pour changer l'adresse de connexion, confirmez d'abord votre identité : reconnectez-vous (mot de passe et code), puis recommencez. Votre dernière connexion date de plus de ${minutes} minutes.`,
      en: `To change the login address, first confirm who you are: sign in again (password and code), then try again. Your last sign-in is more than ${minutes} minutes old.`,
    }),
  },
  'decision.right_not_aggregated': {
    status: 403,
    field: 'right',
    says: ({ service, declared }: { readonly service: string; readonly declared: readonly string[] }) => ({
      fr: `Ce service ne peut demander, pour ${service}, que les droits déclarés (${declared.join(', ')}).`,
      en: `For ${service}, this service may ask about its declared rights only (${declared.join(', ')}).`,
    }),
  },
  'decision.unknown_right': {
    status: 422,
    field: 'right',
    says: ({ service, rights }: { readonly service: string; readonly rights: readonly string[] }) => ({
      fr: `Droit inconnu du service ${service} (droits : ${rights.join(', ')}).`,
      en: `Right unknown to the service ${service} (rights: ${rights.join(', ')}).`,
    }),
  },
  'authzen.unit_without_organization': {
    status: 422,
    fr: "Une ressource de type « unit » nomme son organisation dans properties.organization (l'identifiant de l'organisation).",
    en: 'A resource of type "unit" names its organization in properties.organization (the organization\'s identifier).',
  },
  /** `part`: the subject, action or resource an evaluation lacks, of its own and as the request's default. */
  'authzen.incomplete': {
    status: 422,
    says: ({ part }: { readonly part: string }) => ({
      fr: `Cette évaluation n'a pas de ${part}, ni dans elle-même ni par défaut dans la requête.`,
      en: `This evaluation has no ${part}, neither of its own nor as the request's default.`,
    }),
  },
  'authzen.property_invalid': {
    status: 422,
    says: ({ key, max }: { readonly key: string; readonly max: number }) => ({
      fr: `${key} est un texte de 1 à ${max} caractères.`,
      en: `${key} is a text of 1 to ${max} characters.`,
    }),
  },
  'authzen.semantic_unknown': {
    status: 422,
    field: '/options/evaluations_semantic',
    says: ({ allowed }: { readonly allowed: readonly string[] }) => ({
      fr: `evaluations_semantic vaut ${allowed.join(', ')}.`,
      en: `evaluations_semantic is one of ${allowed.join(', ')}.`,
    }),
  },
} as const satisfies Entries;
