import { fieldRequired, type Entries, type Said } from './entry.js';

const malformed: Said = { fr: 'Requête mal formée (JSON invalide ?).', en: 'Malformed request (invalid JSON?).' };

/** The request, the database and Keycloak, whatever the route. */
export const platformErrors = {
  'input.period': { status: 422, fr: 'La date de fin précède la date de début.', en: 'The end date is before the start date.' },
  conflict: { status: 409, fr: 'Cet élément existe déjà.', en: 'This already exists.' },
  'reference.not_found': { status: 422, fr: "Un élément référencé n'existe pas (ou plus).", en: 'A referenced item does not exist (any more).' },
  'input.invalid': {
    status: 422,
    says: (refused: { readonly by: 'schema'; readonly first: Said | undefined } | { readonly by: 'model' }) =>
      refused.by === 'model'
        ? { fr: 'Valeur refusée par le modèle.', en: 'Value refused by the model.' }
        : { fr: `Saisie refusée : ${refused.first?.fr ?? 'valeur invalide.'}`, en: `Input refused: ${refused.first?.en ?? 'invalid value.'}` },
  },
  /** `format`: the rules read the text; `malformed` and `out_of_range`: PostgreSQL refused it (22007, 22008). */
  'input.date': {
    status: 422,
    says: ({ problem }: { readonly problem: 'format' | 'malformed' | 'out_of_range' }) =>
      ({
        format: { fr: 'Date attendue au format AAAA-MM-JJ.', en: 'Expected a date as YYYY-MM-DD.' },
        malformed: { fr: 'Date mal formée : AAAA-MM-JJ.', en: 'Malformed date: YYYY-MM-DD.' },
        out_of_range: { fr: 'Date hors limites.', en: 'Date out of range.' },
      })[problem],
  },
  'input.malformed': { status: 422, fr: 'Valeur mal formée (identifiant, nombre ?).', en: 'Malformed value (id, number?).' },
  'database.unavailable': {
    status: 503,
    fr: 'La base de données ne répond pas pour le moment ; réessayez dans quelques secondes.',
    en: 'The database is not answering at the moment; please try again in a few seconds.',
  },
  'request.entity.parse.failed': { status: 400, ...malformed },
  'request.too_large': { status: 413, fr: 'Requête trop volumineuse.', en: 'Request too large.' },
  // The other refusals of Express's body parser keep their own status and type (`request.<type>`).
  'request.entity.verify.failed': { status: 403, ...malformed },
  'request.request.aborted': { status: 400, ...malformed },
  'request.request.size.invalid': { status: 400, ...malformed },
  'request.charset.unsupported': { status: 415, ...malformed },
  'request.encoding.unsupported': { status: 415, ...malformed },
  'request.invalid': { status: 400, ...malformed },
  'request.too_complex': {
    status: 413,
    says: ({ max }: { readonly max: number }) => ({
      fr: `Requête refusée : plus de ${max} champs, bien plus qu'une demande n'en contient.`,
      en: `Request refused: more than ${max} fields, far more than a request holds.`,
    }),
  },
  'request.rate_limited': {
    status: 429,
    says: ({ retryAfter }: { readonly retryAfter: number }) => ({
      fr: `Trop de demandes depuis votre adresse ; réessayez dans ${retryAfter} s.`,
      en: `Too many requests from your address; try again in ${retryAfter} s.`,
    }),
  },
  internal: { status: 500, fr: 'Erreur interne ; réessayez plus tard.', en: 'Internal error; please try again later.' },
  'keycloak.not_found': {
    status: 404,
    says: ({ what }: { readonly what: string }) => ({ fr: `Introuvable dans Keycloak : ${what}.`, en: `Not found in Keycloak: ${what}.` }),
  },
  'keycloak.exists': {
    status: 409,
    says: ({ what }: { readonly what: string }) => ({ fr: `Existe déjà dans Keycloak : ${what}.`, en: `Already exists in Keycloak: ${what}.` }),
  },
  'keycloak.unavailable': {
    status: 503,
    says: ({ what }: { readonly what: string }) => ({
      fr: `Keycloak ne répond pas (${what}) ; nouvel essai plus tard.`,
      en: `Keycloak is unavailable (${what}); will retry.`,
    }),
  },
  'keycloak.changed_meanwhile': {
    status: 409,
    says: ({ detail }: { readonly detail: string }) => ({
      fr: `Keycloak a changé pendant la réconciliation ; rien de ce lot n'a été appliqué, nouvel essai plus tard (${detail}).`,
      en: `Keycloak changed during the reconcile; nothing of this batch was applied, will retry (${detail}).`,
    }),
  },
  'projection.name_taken': {
    status: 409,
    says: ({ group }: { readonly group: string }) => ({
      fr: `Le groupe « ${group} » existe déjà dans Keycloak pour autre chose ; il n'est pas repris.`,
      en: `Group "${group}" already exists in Keycloak for something else; it is not taken over.`,
    }),
  },
  /** `reason`: Keycloak's own words on the policy it applied, appended as they come. */
  'password.policy': {
    status: 422,
    field: 'password',
    says: ({ reason }: { readonly reason: string }) => ({
      fr: `Ce mot de passe ne respecte pas les règles : au moins 12 caractères, différent de l'adresse e-mail et des précédents. ${reason}`.trim(),
      en: `This password does not meet the rules: at least 12 characters, different from the e-mail address and from earlier ones. ${reason}`.trim(),
    }),
  },
  not_found: { status: 404, fr: 'Ressource introuvable.', en: 'Resource not found.' },
  'input.required': { status: 422, ...fieldRequired },
} as const satisfies Entries;
