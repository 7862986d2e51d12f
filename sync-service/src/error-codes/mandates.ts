import type { Entries } from './entry.js';

/** Mandates, services, rights and documents. */
export const mandatesErrors = {
  'document.empty': { status: 422, fr: 'Document vide ou mal encodé (base64 attendu).', en: 'Empty or badly encoded document (base64 expected).' },
  'document.too_large': { status: 422, fr: 'Document trop volumineux : 5 Mio au plus.', en: 'Document too large: 5 MiB at most.' },
  'document.type': {
    status: 422,
    fr: "Type de document refusé : joignez un PDF, un PNG ou un JPEG (le contenu est vérifié, pas seulement l'extension).",
    en: 'Document type refused: attach a PDF, PNG or JPEG (the content is checked, not only the extension).',
  },
  'mandate.client_not_recognized': {
    status: 422,
    field: 'client',
    fr: "Ce client n'est ni sur la plateforme ni au registre officiel (ou il y est radié) ; vérifiez son numéro sur son extrait du registre.",
    en: 'This client is neither on the platform nor in the official registry (or it is closed there); check its number on its registry extract.',
  },
  'mandate.requester': {
    status: 403,
    fr: 'Seul le requérant ou le requérant adjoint de la fiduciaire demande un mandat.',
    en: "Only the fiduciary's legal representative or deputy requests a mandate.",
  },
  'mandate.client_has_access': {
    status: 422,
    field: 'clientRepresentative',
    fr: 'Ce client a déjà des gestionnaires ; ne nommez pas de représentant, ce sont eux qui gèrent ses accès.',
    en: 'This client already has managers; name no representative, they run its access.',
  },
  'mandate.client_representative_required': {
    status: 422,
    field: 'clientRepresentative',
    fr: "Ce client n'a pas encore d'accès ; nommez son représentant (prénom, nom, e-mail), qui sera invité une fois le mandat validé.",
    en: 'This client has no access yet; name its representative (given name, family name, e-mail), who is invited once the mandate is validated.',
  },
  'mandate.not_fiduciary': { status: 422, field: 'fiduciaryId', fr: 'Seule une fiduciaire demande un mandat.', en: 'Only a fiduciary requests a mandate.' },
  'mandate.same_organization': {
    status: 422,
    field: 'clientId',
    fr: 'Une fiduciaire ne se mandate pas elle-même.',
    en: 'A fiduciary cannot be its own client.',
  },
  'mandate.decision': { status: 422, field: 'decision', fr: 'Décision attendue : active ou rejected.', en: 'Expected decision: active or rejected.' },
  'mandate.not_requested': {
    status: 409,
    field: 'mandateId',
    fr: "Ce mandat n'est pas en attente de décision.",
    en: 'This mandate is not awaiting a decision.',
  },
  'mandate.reason_required': { status: 422, field: 'reason', fr: 'Un refus dit pourquoi à la fiduciaire.', en: 'A rejection tells the fiduciary why.' },
  'mandate.delegate_not_fiduciary': {
    status: 422,
    field: 'membershipId',
    fr: 'Un mandat est géré par des membres de la fiduciaire.',
    en: "A mandate is handled by the fiduciary's members.",
  },
  'mandate.delegate_exists': { status: 409, field: 'membershipId', fr: 'Cette personne gère déjà ce mandat.', en: 'This person already handles this mandate.' },
  'mandate.not_open': {
    status: 409,
    field: 'mandateId',
    fr: "Ce mandat n'est plus ouvert (refusé ou terminé).",
    en: 'This mandate is no longer open (rejected or ended).',
  },
  'subscription.exists': {
    status: 409,
    field: 'serviceId',
    fr: "L'organisation est déjà abonnée à ce service.",
    en: 'The organization already subscribes to this service.',
  },
  'subscription.ended': { status: 409, field: 'serviceId', fr: 'Cet abonnement a déjà pris fin.', en: 'This subscription has ended already.' },
  'mandate.not_found': { status: 404, fr: 'Mandat introuvable.', en: 'Mandate not found.' },
  'delegate.not_found': { status: 404, fr: 'Cette personne ne gère pas ce mandat.', en: 'This person does not handle this mandate.' },
  'service.not_found': { status: 404, fr: 'Service inconnu du catalogue.', en: 'Service unknown to the catalogue.' },
  'subscription.not_found': { status: 404, fr: 'Abonnement introuvable.', en: 'Subscription not found.' },
  'document.not_found': { status: 404, fr: 'Document introuvable.', en: 'Document not found.' },
  'mandate.exists': {
    status: 409,
    fr: 'Un mandat est déjà demandé ou actif entre cette fiduciaire et ce client.',
    en: 'A mandate is already requested or active between this fiduciary and this client.',
  },
  /** `upload`: the form's file is missing (R24); `reference`: the JSON body's reference or digest is. */
  'mandate.power_of_attorney_required': {
    status: 422,
    says: ({ missing }: { readonly missing: 'upload' | 'reference' }) =>
      missing === 'upload'
        ? {
            fr: 'Joignez la procuration signée par le client (PDF, PNG ou JPEG) : sans elle, le mandat ne peut pas être demandé.',
            en: 'Attach the power of attorney signed by the client (PDF, PNG or JPEG): without it, the mandate cannot be requested.',
          }
        : {
            fr: 'Pas de procuration, pas de demande : joignez la procuration signée (document et empreinte SHA-256).',
            en: 'No power of attorney, no request: attach the signed power of attorney (document and SHA-256 digest).',
          },
  },
  'mandate.not_offered': {
    status: 403,
    says: ({ support }: { readonly support: string }) => ({
      fr: `Ce portail ne gère pas de mandats de fiduciaire ; pour une question, contactez le support (${support}).`,
      en: `This portal handles no fiduciary mandates; for any question, contact support (${support}).`,
    }),
  },
  'mandate.service_unknown': {
    status: 422,
    says: ({ service, catalogue }: { readonly service: string; readonly catalogue: readonly string[] }) => ({
      fr: `Service inconnu du catalogue : ${service}. Choisissez parmi : ${catalogue.join(', ')}.`,
      en: `Service unknown to the catalogue: ${service}. Choose among: ${catalogue.join(', ')}.`,
    }),
  },
  'mandate.service_not_covered': {
    status: 422,
    says: ({ service, covered }: { readonly service: string; readonly covered: readonly string[] }) => ({
      fr: `Le mandat ne couvre pas le service ${service} : il couvre ${covered.join(', ')}. Rien n'a été changé.`,
      en: `The mandate does not cover the service ${service}: it covers ${covered.join(', ')}. Nothing was changed.`,
    }),
  },
  /** `right`: the key the rules found unknown; undefined when PostgreSQL's foreign key refused it. */
  'right.unknown': {
    status: 422,
    field: 'rights',
    says: ({ right }: { readonly right: string | undefined }) =>
      right === undefined
        ? { fr: 'Droit inconnu du catalogue des services.', en: 'Right unknown to the service catalogue.' }
        : { fr: `Droit inconnu du catalogue : ${right}.`, en: `Right unknown to the catalogue: ${right}.` },
  },
  'right.service_not_subscribed': {
    status: 422,
    field: 'rights',
    says: ({ service }: { readonly service: string }) => ({
      fr: `L'organisation n'est pas abonnée au service ${service} ; ses droits ne s'accordent qu'après l'abonnement.`,
      en: `The organization does not subscribe to the service ${service}; its rights can be granted once it does.`,
    }),
  },
  'right.not_controlled': {
    status: 403,
    field: 'rights',
    says: ({ right }: { readonly right: string }) => ({
      fr: `Vous ne pouvez pas accorder ni retirer le droit ${right}, que vous ne contrôlez pas.`,
      en: `You cannot grant or withdraw the right ${right}, which you do not control.`,
    }),
  },
} as const satisfies Entries;
