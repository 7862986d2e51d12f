import { fieldRequired, valueRefused, type Entries, type Said } from './entry.js';

/** Organizations, units, sign-ups, recoveries and the support desk. */
export const organizationsErrors = {
  'organization.mail_security_key_not_offered': {
    status: 403,
    field: 'key',
    fr: "Ce portail n'utilise pas de clé de sécurité courrier : l'activation d'un compte ne la demande pas.",
    en: 'This portal uses no mail security key: activating an account does not ask for one.',
  },
  'organization.mail_security_key': {
    status: 422,
    field: 'key',
    fr: 'La clé de sécurité courrier compte de 8 à 64 caractères.',
    en: 'The mail security key has 8 to 64 characters.',
  },
  'organization.same_identifier': {
    status: 422,
    field: 'successor',
    fr: "Le nouvel identifiant est l'identifiant actuel.",
    en: 'The new identifier is the current one.',
  },
  'organization.type_operator_only': {
    status: 403,
    field: 'type',
    fr: "Le type de l'organisation (employeur, fiduciaire…) n'est modifié que par l'opérateur de la plateforme ; s'il est faux, contactez nos équipes.",
    en: "The organization's type (employer, fiduciary…) is changed by the platform's operator only; if it is wrong, contact our team.",
  },
  'organization.closed': {
    status: 409,
    fr: "Cette organisation est fermée (radiée du registre officiel) : plus aucune modification n'est possible. Son journal reste consultable ; pour la rouvrir, contactez nos équipes.",
    en: 'This organization is closed (struck off the official registry): nothing can be changed any more. Its audit trail can still be read; to reopen it, contact our team.',
  },
  'organization.suspended': {
    status: 409,
    fr: "Cette organisation est suspendue : aucune modification n'est possible tant qu'elle l'est. Son journal reste consultable ; pour en savoir plus, contactez nos équipes.",
    en: 'This organization is suspended: nothing can be changed while it is. Its audit trail can still be read; to learn more, contact our team.',
  },
  'organization.address': { status: 422, field: 'address', fr: "L'adresse est une liste de lignes de texte.", en: 'The address is a set of text lines.' },
  'recovery.inactive': {
    status: 409,
    field: 'organization',
    fr: "Cette organisation n'est plus active (radiée ou suspendue).",
    en: 'This organization is no longer active (closed or suspended).',
  },
  'recovery.exists': {
    status: 409,
    field: 'organization',
    fr: "Une demande de reprise de cette organisation attend déjà l'opérateur.",
    en: 'A recovery request for this organization already awaits the operator.',
  },
  'recovery.retire_appointee': {
    status: 422,
    fr: 'Le demandeur est celui que vous nommez : il ne peut pas être retiré en même temps.',
    en: 'The requester is the person you appoint: they cannot be retired at the same time.',
  },
  'recovery.retire_not_manager': {
    status: 422,
    fr: "Cette personne n'est pas un gestionnaire en fonction de cette organisation : rien n'a été changé. Rechargez la demande.",
    en: 'This person is not a current manager of this organization: nothing was changed. Reload the request.',
  },
  'recovery.decided': { status: 409, field: 'recoveryId', fr: 'Cette demande est déjà décidée.', en: 'This request was decided already.' },
  'recovery.reason_required': { status: 422, field: 'reason', fr: 'Un refus dit pourquoi au demandeur.', en: 'A rejection tells the requester why.' },
  'sign_up.not_recognized': {
    status: 422,
    field: 'identifier',
    fr: "Ce numéro n'est pas reconnu par le registre officiel. Vérifiez-le sur votre extrait du registre ; s'il vient d'être attribué, le registre est mis à jour chaque semaine : réessayez dans quelques jours ou écrivez à la webassistance, en joignant l'extrait.",
    en: 'This number is not recognized by the official registry. Check it on your registry extract; if it was assigned recently, the registry is updated every week: try again in a few days, or write to the web assistance with the extract attached.',
  },
  'sign_up.already_registered': {
    status: 409,
    field: 'identifier',
    fr: "Cette organisation est déjà inscrite. Demandez l'accès à ses gestionnaires ; si elle n'en a plus, déposez une demande de reprise.",
    en: 'This organization is already signed up. Ask its managers for access; if it has none left, file a recovery request.',
  },
  'sign_up.exists': {
    status: 409,
    field: 'identifier',
    fr: "Une inscription de cette organisation attend déjà la validation de l'opérateur.",
    en: "A sign-up of this organization already awaits the operator's validation.",
  },
  'sign_up.decided': { status: 409, field: 'signUpId', fr: 'Cette inscription est déjà décidée.', en: 'This sign-up was decided already.' },
  'sign_up.reason_required': { status: 422, field: 'reason', fr: 'Un refus dit pourquoi au représentant.', en: 'A rejection tells the representative why.' },
  'support.no_access': { status: 409, field: 'membershipIds', fr: "Cette personne n'a aucun accès à retirer.", en: 'This person has no access to remove.' },
  'support.not_prescriber': {
    status: 409,
    field: 'organization',
    fr: 'Seul un prescripteur a des antennes créées par le support ; les gestionnaires des autres organisations ajoutent eux-mêmes leurs unités.',
    en: "Only a prescriber has antennas created by the support; other organizations' managers add their units themselves.",
  },
  'unit.identifier_not_registered': {
    status: 422,
    field: 'identifier',
    fr: "Ce numéro n'est pas reconnu par le registre officiel. Vérifiez-le ; si la succursale n'est pas encore annoncée au service des affiliations, annoncez-la d'abord, puis réessayez une fois le registre mis à jour (chaque semaine). Vous pouvez aussi l'ajouter sans numéro.",
    en: 'This number is not recognized by the official registry. Check it; if the branch is not yet announced to the affiliations office, announce it first, then try again once the registry is updated (every week). You may also add it without a number.',
  },
  'unit.identifier_closed': {
    status: 422,
    field: 'identifier',
    fr: 'Le registre indique ce numéro comme radié : vérifiez le numéro de la succursale.',
    en: "The registry lists this number as closed: check the branch's number.",
  },
  'unit.head_office_person': {
    status: 422,
    field: 'headOfficePeople',
    fr: "Une des personnes choisies n'est pas (ou plus) un membre actif de l'organisation : rechargez la page et choisissez à nouveau.",
    en: 'One of the people chosen is not (or no longer) an active member of the organization: reload the page and choose again.',
  },
  'unit.name_reserved': {
    status: 422,
    field: 'name',
    fr: 'Ce nom commence comme un nom réservé (« mot: ») ; ajoutez un espace ou une majuscule, par exemple « Site : Lyon ».',
    en: 'This name starts like a reserved name ("word:"); add a space or a capital letter, for example "Site : Lyon".',
  },
  'unit.antenna_identifier': {
    status: 422,
    field: 'identifier',
    fr: "Une antenne partage l'identifiant (SIRET) de son organisation et n'en a pas en propre.",
    en: "An antenna shares its organization's identifier (SIRET) and has none of its own.",
  },
  'organization.not_found': { status: 404, fr: 'Organisation introuvable.', en: 'Organization not found.' },
  'unit.not_found': { status: 404, fr: 'Unité introuvable dans cette organisation.', en: 'Unit not found in this organization.' },
  'sign_up.not_found': { status: 404, fr: 'Inscription introuvable.', en: 'Sign-up not found.' },
  'recovery.not_found': { status: 404, fr: 'Demande de reprise introuvable.', en: 'Recovery request not found.' },
  'organization.legal_name': { status: 422, ...fieldRequired },
  'organization.type_reason': { status: 422, ...fieldRequired },
  'unit.name_required': { status: 422, ...fieldRequired },
  'support.reason': { status: 422, ...fieldRequired },
  'organization.type': { status: 422, says: valueRefused },
  'organization.status': { status: 422, says: valueRefused },
  'unit.kind': { status: 422, says: valueRefused },
  'unit.identifier_taken': { status: 409, field: 'identifier', fr: 'Une unité porte déjà cet identifiant.', en: 'A unit already has this identifier.' },
  /** `other_kind`: the number identifies an organization under another kind of identifier. */
  'organization.identifier_taken': {
    status: 409,
    field: 'identifier',
    says: ({ held }: { readonly held: 'same_kind' | 'other_kind' }) =>
      held === 'other_kind'
        ? {
            fr: "Ce numéro est déjà l'identifiant d'une autre organisation, d'un autre type ; un même numéro ne peut désigner qu'une organisation. Vérifiez le type d'identifiant choisi.",
            en: 'This number already identifies another organization, under another kind of identifier; one number can identify only one organization. Check the kind of identifier chosen.',
          }
        : {
            fr: "Une organisation porte déjà cet identifiant ; demandez l'accès à ses gestionnaires plutôt que de la créer une seconde fois.",
            en: 'An organization already has this identifier; ask its managers for access rather than creating it twice.',
          },
  },
  /** `rule`: the sentence that says which two types do not mix (built by `typeMixRule`). */
  'organization.type_mix': {
    status: 409,
    says: ({ other, rule }: { readonly other: Said; readonly rule: Said }) => ({
      fr: `Des membres de cette organisation sont aussi membres d'une organisation de type « ${other.fr} » ; ${rule.fr}. Retirez-les d'abord de l'une des deux.`,
      en: `Members of this organization are also members of a "${other.en}" organization; ${rule.en}. Remove them from one of the two first.`,
    }),
  },
  'organization.identifier_kind_not_offered': {
    status: 422,
    says: ({ kind, accepted }: { readonly kind: Said; readonly accepted: readonly Said[] }) => ({
      fr: `Ce portail n'enregistre pas d'organisation par ${kind.fr} ; il accepte : ${accepted.map((k) => k.fr).join(', ')}.`,
      en: `This portal does not register organizations by ${kind.en}; it accepts: ${accepted.map((k) => k.en).join(', ')}.`,
    }),
  },
  'organization.type_not_offered': {
    status: 422,
    field: 'type',
    says: ({ type, allowed }: { readonly type: Said; readonly allowed: readonly Said[] }) => ({
      fr: `Ce portail n'accueille pas d'organisation de type « ${type.fr} » ; types admis : ${allowed.map((t) => t.fr).join(', ')}.`,
      en: `This portal does not take organizations of the type "${type.en}"; types allowed: ${allowed.map((t) => t.en).join(', ')}.`,
    }),
  },
  /** `once`: fixed once set; otherwise changed by the operator only on this portal. `name` starts with a capital. */
  'organization.immutable_field': {
    status: 422,
    says: ({ name, once, support }: { readonly name: Said; readonly once: boolean; readonly support: string }) => {
      const what = once
        ? { fr: 'ne se modifie plus une fois fixé', en: 'cannot be changed once set' }
        : { fr: "n'est modifié que par l'opérateur de la plateforme sur ce portail", en: "is changed by the platform's operator only on this portal" };
      return {
        fr: `${name.fr} ${what.fr} ; s'il est faux, contactez le support (${support}).`,
        en: `${name.en} ${what.en}; if it is wrong, contact support (${support}).`,
      };
    },
  },
  'unit.name_taken': {
    status: 409,
    field: 'name',
    says: ({ name }: { readonly name: string }) => ({
      fr: `Une unité « ${name} » existe déjà au même niveau ; choisissez un autre nom (par exemple avec la ville).`,
      en: `A unit "${name}" exists already at the same level; choose another name (with the town, for example).`,
    }),
  },
  'unit.operator_only': {
    status: 403,
    field: 'orgId',
    says: ({ email, phone }: { readonly email: string; readonly phone: string }) => ({
      fr: `Sur ce portail, les antennes et établissements de votre organisation sont créés par le support : écrivez-lui à ${email} ou appelez le ${phone}.`,
      en: `On this portal, your organization's antennas and establishments are created by the support desk: write to ${email} or call ${phone}.`,
    }),
  },
  /** `successor`: the registry's number of the organization that took over, when it names one. */
  'sign_up.closed': {
    status: 422,
    field: 'identifier',
    says: ({ successor }: { readonly successor: string | undefined }) => ({
      fr: `Le registre indique cette organisation comme radiée.${successor ? ` Elle porte désormais le numéro ${successor} : inscrivez-vous avec celui-ci.` : ''}`,
      en: `The registry lists this organization as closed.${successor ? ` It now goes by ${successor}: sign up with that one.` : ''}`,
    }),
  },
} as const satisfies Entries;
