import { fieldRequired, valueRefused, type Entries, type Said } from './entry.js';

const phoneRefused: Said = { fr: 'Numéro de téléphone invalide, par exemple +41 21 555 01 02.', en: 'Invalid phone number, for example +41 21 555 01 02.' };
const ownDetails = {
  self: { fr: 'Ce sont vos propres informations : modifiez-les dans votre profil.', en: 'These are your own details: edit them in your profile.' },
  operator: {
    fr: "Cette personne fait partie de l'équipe de la plateforme : ses informations sont les siennes, elle seule les modifie.",
    en: "This person is one of the platform's staff: their details are their own, only they edit them.",
  },
  other_organization: {
    fr: 'Cette personne agit aussi pour une autre organisation : ses informations sont les siennes, elle seule les modifie dans son profil.',
    en: 'This person also acts for another organization: their details are their own, only they edit them in their profile.',
  },
  delegate: {
    fr: 'Cette personne agit aussi pour une autre organisation par un mandat : ses informations sont les siennes, elle seule les modifie dans son profil.',
    en: 'This person also acts for another organization through a mandate: their details are their own, only they edit them in their profile.',
  },
} as const satisfies Record<string, Said>;

/** Members, people, their e-mail, hand-overs, access requests, imports and the audit export. */
export const peopleErrors = {
  'access_request.role': {
    status: 422,
    field: 'role',
    fr: "On demande un accès de membre ou d'observateur ; les gestionnaires sont nommés par un gestionnaire.",
    en: 'One asks for member or observer access; managers are appointed by a manager.',
  },
  'access_request.already_member': {
    status: 409,
    field: 'organization',
    fr: 'Vous êtes déjà membre de cette organisation : demandez un changement de rôle à un de ses gestionnaires.',
    en: 'You are a member of this organization already: ask one of its managers for another role.',
  },
  'access_request.exists': {
    status: 409,
    field: 'organization',
    fr: 'Votre demande précédente attend encore la réponse des gestionnaires.',
    en: "Your earlier request still awaits the managers' answer.",
  },
  'access_request.reason_required': {
    status: 422,
    field: 'reason',
    fr: 'Dites pourquoi vous refusez : la personne qui a demandé recevra ce motif.',
    en: 'Say why you refuse: the person who asked will receive this reason.',
  },
  'email_change.already_confirmed': {
    status: 410,
    field: 'token',
    fr: "Le changement d'adresse a déjà été confirmé. Si ce n'est pas vous, contactez sans attendre un gestionnaire de votre organisation ou le support.",
    en: "The change of address was confirmed already. If it was not you, contact one of your organization's managers or the support at once.",
  },
  'email_change.no_longer_managed': {
    status: 409,
    field: 'token',
    fr: "Ce changement d'adresse avait été demandé par un gestionnaire ; la personne agit désormais aussi pour une autre organisation : elle change son adresse elle-même, depuis son profil.",
    en: 'This change of address was asked by a manager; the person now also acts for another organization: they change their address themselves, from their profile.',
  },
  'person.birth_date': {
    status: 422,
    field: 'birthDate',
    fr: 'Date de naissance invraisemblable : elle doit être passée, après 1900.',
    en: 'Implausible birth date: it must be in the past, after 1900.',
  },
  'person.phone': { status: 422, field: 'phone', ...phoneRefused },
  'email.taken': {
    status: 409,
    field: 'email',
    fr: "Cette adresse e-mail est déjà celle d'un autre compte ; une adresse ne sert qu'à un compte.",
    en: 'This e-mail address already belongs to another account; one address serves one account only.',
  },
  'email_change.not_found': {
    status: 404,
    field: 'token',
    fr: "Ce lien de confirmation n'est pas valable ; vérifiez qu'il est complet.",
    en: 'This confirmation link is not valid; check that it is complete.',
  },
  'person.code_phone_required': {
    status: 422,
    field: 'codePhone',
    fr: 'Les codes par SMS demandent un numéro de téléphone pour les codes.',
    en: 'Codes by SMS need a phone number for the codes.',
  },
  'person.no_account_yet': {
    status: 409,
    field: 'codePhone',
    fr: "Le compte de cette personne n'est pas encore prêt ; réessayez dans un instant.",
    en: "This person's account is not ready yet; try again in a moment.",
  },
  'person.email_invited': {
    status: 409,
    field: 'email',
    fr: "Cette personne n'a pas encore activé son compte : révoquez son invitation et invitez la bonne adresse.",
    en: 'This person has not activated their account yet: revoke their invitation and invite the right address.',
  },
  'hand_over.not_manager': {
    status: 409,
    field: 'membershipId',
    fr: "Seul un gestionnaire en fonction transmet son rôle ; vous ne l'êtes plus.",
    en: 'Only a current manager hands over their role; you no longer are one.',
  },
  'hand_over.self': { status: 409, field: 'successorId', fr: 'Choisissez un successeur autre que vous.', en: 'Choose a successor other than yourself.' },
  'hand_over.successor_inactive': {
    status: 409,
    field: 'successorId',
    fr: "Le successeur doit être un membre actif de l'organisation (compte activé, ni désactivé ni échu).",
    en: 'The successor must be an active member of the organization (account activated, neither deactivated nor expired).',
  },
  'hand_over.successor_expires': {
    status: 409,
    field: 'successorId',
    fr: "Le successeur a une date d'échéance ; retirez-la d'abord, un gestionnaire doit rester.",
    en: 'The successor has an expiry date; remove it first, a manager must stay.',
  },
  'hand_over.already_holds': {
    status: 409,
    field: 'successorId',
    fr: "Le successeur a déjà ce rôle ; il peut retirer directement l'ancien gestionnaire.",
    en: 'The successor holds this role already; they can remove the former manager directly.',
  },
  'person.email': {
    status: 422,
    field: 'email',
    fr: 'Adresse e-mail invalide, par exemple prenom.nom@entreprise.ch.',
    en: 'Invalid e-mail address, for example first.last@company.ch.',
  },
  'membership.exists': {
    status: 409,
    field: 'email',
    fr: "Cette personne est déjà membre de l'organisation : modifiez son rôle ou ses droits.",
    en: 'This person is already a member of the organization: change their role or rights instead.',
  },
  'membership.expiry_not_offered': {
    status: 422,
    field: 'expiresOn',
    fr: "Ce portail ne donne pas de date d'expiration aux comptes : laissez le champ vide.",
    en: 'This portal gives accounts no expiry date: leave the field empty.',
  },
  'membership.deactivated': { status: 409, field: 'status', fr: 'Ce membre est déjà désactivé.', en: 'This member is deactivated already.' },
  'membership.not_deactivated': { status: 409, field: 'status', fr: "Ce membre n'est pas désactivé.", en: 'This member is not deactivated.' },
  'membership.representative_only': {
    status: 403,
    fr: "Seul un requérant (représentant légal) de l'organisation, ou l'opérateur de la plateforme, donne, retire ou modifie les rôles de requérant et de requérant adjoint.",
    en: "Only a legal representative of the organization, or the platform's operator, grants, takes away or changes the legal-representative and deputy roles.",
  },
  'membership.own_role': {
    status: 403,
    field: 'role',
    fr: 'Vous ne pouvez pas changer votre propre rôle. Pour passer la main, transmettez votre rôle à un successeur (passation).',
    en: 'You cannot change your own role. To step down, hand your role over to a successor.',
  },
  'membership.expiry_past': { status: 422, field: 'expiresOn', fr: "La date d'échéance est passée.", en: 'The expiry date is in the past.' },
  'membership.identifier_held': {
    status: 409,
    fr: "Cette personne est déjà membre d'une autre organisation portant le même identifiant ; un compte n'agit que pour une organisation par identifiant. Elle doit utiliser un autre compte, avec une autre adresse e-mail.",
    en: 'This person is already a member of another organization with the same identifier; one account acts for one organization per identifier. They need another account, with another e-mail address.',
  },
  'email_change.used': {
    status: 410,
    field: 'token',
    fr: 'Cette adresse a déjà été confirmée : connectez-vous avec elle.',
    en: 'This address was confirmed already: sign in with it.',
  },
  'email_change.cancelled': {
    status: 410,
    field: 'token',
    fr: "Ce changement d'adresse a été annulé depuis l'adresse actuelle du compte.",
    en: "This change of address was cancelled from the account's current address.",
  },
  'email_change.replaced': {
    status: 410,
    field: 'token',
    fr: 'Une demande plus récente a remplacé celle-ci ; utilisez le dernier e-mail reçu.',
    en: 'A newer request replaced this one; use the latest e-mail received.',
  },
  'email_change.expired': {
    status: 410,
    field: 'token',
    fr: 'Ce lien a expiré ; demandez à nouveau le changement depuis votre profil.',
    en: 'This link has expired; ask for the change again from your profile.',
  },
  'membership.not_found': { status: 404, fr: 'Membre introuvable.', en: 'Member not found.' },
  'person.not_found': { status: 404, fr: 'Personne introuvable.', en: 'Person not found.' },
  'access_request.not_found': { status: 404, fr: "Demande d'accès introuvable dans cette organisation.", en: 'Access request not found in this organization.' },
  'access_request.decided': {
    status: 409,
    field: 'requestId',
    says: ({ status }: { readonly status: 'approved' | 'rejected' }) => ({
      fr: `Cette demande a déjà reçu une réponse (${status === 'approved' ? 'acceptée' : 'refusée'}).`,
      en: `This request was answered already (${status}).`,
    }),
  },
  'account.login_email_fixed': {
    status: 409,
    field: 'email',
    says: ({ email, phone }: { readonly email: string; readonly phone: string }) => ({
      fr: `Sur ce portail, l'e-mail de connexion reste celui de la création du compte. Si cette adresse est perdue, contactez le support (${email}, ${phone}) : il la change pour vous.`,
      en: `On this portal, the login e-mail stays the one the account was created with. If that address is lost, contact support (${email}, ${phone}): they change it for you.`,
    }),
  },
  /** `own`: the person changes their own address; `managed`: a manager changes a person's. */
  'email.unchanged': {
    status: 409,
    field: 'email',
    says: ({ whose }: { readonly whose: 'own' | 'managed' }) =>
      whose === 'own'
        ? { fr: "C'est déjà votre adresse de connexion.", en: 'This is your login address already.' }
        : { fr: "C'est déjà l'adresse de connexion de cette personne.", en: "This is the person's login address already." },
  },
  /** `managers`: the rule as managers read it; `support`: as the support desk does (it cannot appoint, a recovery does). */
  'membership.last_manager': {
    status: 409,
    says: ({ told }: { readonly told: 'managers' | 'support' }) =>
      told === 'managers'
        ? {
            fr: "L'organisation doit toujours garder un gestionnaire (requérant, requérant adjoint ou gestionnaire) actif et sans date d'échéance. Nommez d'abord un successeur ; c'est lui qui retirera ensuite l'ancien gestionnaire.",
            en: 'The organization must always keep an active manager (legal representative, deputy or manager) with no expiry date. Appoint a successor first; the successor then removes the former manager.',
          }
        : {
            fr: "Cette personne est le dernier gestionnaire actif de l'organisation : l'organisation doit toujours en garder un. Faites déposer une demande de reprise par l'organisation ; en la validant, vous nommez le successeur et retirez cette personne.",
            en: "This person is the organization's last active manager: the organization must always keep one. Have the organization file a recovery request; approving it appoints the successor and retires this person.",
          },
  },
  'membership.type_mix': {
    status: 409,
    says: ({ other, rule }: { readonly other: Said; readonly rule: Said }) => ({
      fr: `Cette personne est déjà membre d'une organisation de type « ${other.fr} » ; ${rule.fr}. Elle doit utiliser un autre compte, avec une autre adresse e-mail.`,
      en: `This person is already a member of a "${other.en}" organization; ${rule.en}. They need another account, with another e-mail address.`,
    }),
  },
  'membership.role_not_offered': {
    status: 422,
    field: 'role',
    says: ({ role }: { readonly role: Said }) => ({
      fr: `Ce portail n'attribue pas le rôle « ${role.fr} » : choisissez un des rôles proposés.`,
      en: `This portal does not give the role "${role.en}": choose one of the roles offered.`,
    }),
  },
  'membership.status': { status: 422, says: valueRefused },
  'membership.role': { status: 422, says: valueRefused },
  'person.given_name': { status: 422, ...fieldRequired },
  'person.family_name': { status: 422, ...fieldRequired },
  /** `given`: the number fails the phone rule (its messages, `person.phone`'s); `format`: it is no international number. */
  'person.code_phone': {
    status: 422,
    field: 'codePhone',
    says: ({ refused }: { readonly refused: 'given' | 'format' }) =>
      refused === 'given'
        ? phoneRefused
        : {
            fr: 'Numéro pour les codes invalide : avec son indicatif, par exemple +41 79 555 01 02.',
            en: 'Invalid phone for codes: with its country code, for example +41 79 555 01 02.',
          },
  },
  'person.details_not_editable': {
    status: 403,
    field: 'membershipId',
    fr: 'Sur ce portail, chacun modifie ses informations dans son propre profil : les gestionnaires les consultent sans les modifier.',
    en: 'On this portal, everyone edits their details in their own profile: managers read them without changing them.',
  },
  'person.details_own': {
    status: 409,
    field: 'membershipId',
    says: ({ reason }: { readonly reason: 'self' | 'operator' | 'other_organization' | 'delegate' }) => ownDetails[reason],
  },
  'import.last_manager': {
    status: 409,
    field: 'role',
    says: ({ line, identifier }: { readonly line: number; readonly identifier: string }) => ({
      fr: `Ligne ${line}, l'import laisserait ${identifier} sans gestionnaire ; rien n'a été importé.`,
      en: `Line ${line}, the import would leave ${identifier} without a manager; nothing was imported.`,
    }),
  },
  'audit.export_too_large': {
    status: 422,
    field: 'from',
    says: ({ max }: { readonly max: number }) => ({
      fr: `Plus de ${max.toLocaleString('fr-CH')} entrées : choisissez une période plus courte (from, to).`,
      en: `More than ${max.toLocaleString('en')} entries: choose a shorter period (from, to).`,
    }),
  },
} as const satisfies Entries;
