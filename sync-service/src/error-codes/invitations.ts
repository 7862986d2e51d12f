import type { Entries, Said } from './entry.js';

const secretAnswerRequired: Said = { fr: 'Donnez la réponse à la question secrète.', en: 'Give the answer to the secret question.' };
const secretQuestionRequired: Said = {
  fr: 'Choisissez ou écrivez la question secrète de cette réponse.',
  en: 'Choose or type the secret question of this answer.',
};
const secretQuestionNotOffered: Said = {
  fr: "Ce portail ne demande pas de question secrète à l'activation : laissez la question et la réponse vides.",
  en: 'This portal asks no secret question at activation: leave the question and the answer empty.',
};
const atMost = ({ max }: { readonly max: number }): Said => ({ fr: `${max} caractères au plus.`, en: `At most ${max} characters.` });
const wrong = (what: Said, attemptsLeft: number): Said => ({
  fr: `${what.fr} ne correspond pas. Essais restants : ${attemptsLeft}.`,
  en: `${what.en} does not match. Attempts left: ${attemptsLeft}.`,
});

/** Invitations, their links and the secrets asked at activation (the managers' and the invited person's). */
export const invitationsErrors = {
  'invitation.password_not_expected': {
    status: 422,
    field: 'password',
    fr: 'Vous avez déjà un compte ; il garde son mot de passe. Donnez votre accord sans mot de passe.',
    en: 'You have an account already; it keeps its password. Give your consent without a password.',
  },
  'invitation.other_account': {
    status: 403,
    field: 'consent',
    fr: "Vous êtes connecté avec un autre compte que celui de l'adresse invitée. Déconnectez-vous, puis connectez-vous avec le compte de cette adresse.",
    en: "You are signed in with another account than the invited address's. Sign out, then sign in with the account of that address.",
  },
  'invitation.sign_in_required': {
    status: 403,
    field: 'consent',
    fr: 'Un compte Procura existe déjà pour cette adresse. Connectez-vous avec ce compte (mot de passe et code) pour y ajouter cette organisation.',
    en: 'A Procura account exists for this address already. Sign in with that account (password and code) to add this organization to it.',
  },
  'invitation.consent_required': {
    status: 409,
    field: 'consent',
    fr: 'Vous avez déjà un compte Procura avec cette adresse. Acceptez-vous que cette organisation y soit ajoutée ? Répondez avec « consent: true ».',
    en: 'You already have a Procura account with this address. Do you agree to add this organization to it? Answer with "consent: true".',
  },
  'invitation.password_required': {
    status: 422,
    field: 'password',
    fr: 'Choisissez un mot de passe pour activer votre compte.',
    en: 'Choose a password to activate your account.',
  },
  'invitation.names_not_expected': {
    status: 422,
    fr: 'Vos nom et prénom sont déjà connus ; vous pourrez les modifier dans votre profil après la connexion.',
    en: 'Your names are known already; you can change them in your profile once signed in.',
  },
  'invitation.used': {
    status: 410,
    field: 'token',
    fr: 'Cette invitation a déjà été acceptée : connectez-vous avec votre e-mail et votre mot de passe.',
    en: 'This invitation was accepted already: sign in with your e-mail and password.',
  },
  'invitation.organization_closed': {
    status: 410,
    field: 'token',
    fr: "Cette invitation n'est plus valable : l'organisation qui vous a invité·e est fermée ou suspendue. Contactez nos équipes si vous pensez qu'il s'agit d'une erreur.",
    en: 'This invitation is no longer valid: the organization that invited you is closed or suspended. Contact our team if you think this is a mistake.',
  },
  'invitation.revoked': {
    status: 410,
    field: 'token',
    fr: "Cette invitation a été retirée par un gestionnaire de l'organisation.",
    en: "This invitation was withdrawn by one of the organization's managers.",
  },
  'invitation.replaced': {
    status: 410,
    field: 'token',
    fr: "Un lien plus récent vous a été envoyé ; utilisez le dernier e-mail d'invitation reçu.",
    en: 'A newer link was sent to you; use the latest invitation e-mail.',
  },
  'invitation.expired': {
    status: 410,
    field: 'token',
    fr: "Ce lien a expiré ; demandez à votre gestionnaire de vous renvoyer l'invitation.",
    en: 'This link has expired; ask your manager to send the invitation again.',
  },
  'invitation.locked': {
    status: 410,
    field: 'token',
    fr: "Trop de réponses erronées ; ce lien est bloqué, demandez à votre gestionnaire de vous renvoyer l'invitation.",
    en: 'Too many wrong answers; this link is blocked, ask your manager to send the invitation again.',
  },
  /** `link`: a token that finds no invitation; `organization`: an id, of this organization's invitations. */
  'invitation.not_found': {
    status: 404,
    says: ({ by }: { readonly by: 'link' | 'organization' }) =>
      by === 'link'
        ? {
            fr: "Ce lien d'invitation n'est pas valable. Vérifiez qu'il est complet, ou demandez à votre gestionnaire de vous le renvoyer.",
            en: 'This invitation link is not valid. Check that it is complete, or ask your manager to send it again.',
          }
        : { fr: 'Invitation introuvable dans cette organisation.', en: 'Invitation not found in this organization.' },
  },
  /** `invited`: the invited person accepting; `manager`: a manager choosing the pair. */
  'invitation.secret_answer_required': {
    status: 422,
    field: 'secretAnswer',
    says: ({ by }: { readonly by: 'invited' | 'manager' }) =>
      by === 'invited'
        ? { fr: 'Saisissez la réponse secrète que votre gestionnaire vous a communiquée.', en: 'Enter the secret answer your manager gave you.' }
        : secretAnswerRequired,
  },
  'person.secret_answer_required': { status: 422, field: 'secretAnswer', ...secretAnswerRequired },
  'invitation.secret_question_not_offered': { status: 422, field: 'secretQuestion', ...secretQuestionNotOffered },
  'person.secret_question_not_offered': { status: 422, field: 'secretQuestion', ...secretQuestionNotOffered },
  'invitation.secret_question_required': { status: 422, field: 'secretQuestion', ...secretQuestionRequired },
  'person.secret_question_required': { status: 422, field: 'secretQuestion', ...secretQuestionRequired },
  'invitation.secret_question_too_long': { status: 422, field: 'secretQuestion', says: atMost },
  'person.secret_question_too_long': { status: 422, field: 'secretQuestion', says: atMost },
  'invitation.given_name_required': { status: 422, field: 'givenName', fr: 'Saisissez votre prénom.', en: 'Enter your given name.' },
  'invitation.family_name_required': { status: 422, field: 'familyName', fr: 'Saisissez votre nom de famille.', en: 'Enter your family name.' },
  'invitation.given_name_too_long': { status: 422, field: 'givenName', says: atMost },
  'invitation.family_name_too_long': { status: 422, field: 'familyName', says: atMost },
  'invitation.mail_security_key_wrong': {
    status: 422,
    says: ({ attemptsLeft }: { readonly attemptsLeft: number }) => wrong({ fr: 'La clé de sécurité courrier', en: 'The mail security key' }, attemptsLeft),
  },
  'invitation.secret_answer_wrong': {
    status: 422,
    says: ({ attemptsLeft }: { readonly attemptsLeft: number }) => wrong({ fr: 'La réponse secrète', en: 'The secret answer' }, attemptsLeft),
  },
  /** `organizationName`: when several organizations ask for their key, the one whose key is missing. */
  'invitation.mail_security_key_required': {
    status: 422,
    says: ({ organizationName }: { readonly organizationName: string | undefined }) =>
      organizationName === undefined
        ? { fr: "Saisissez la clé de sécurité courrier de l'organisation.", en: "Enter the organization's mail security key." }
        : { fr: `Saisissez la clé de sécurité courrier de ${organizationName}.`, en: `Enter the mail security key of ${organizationName}.` },
  },
  'invitation.members_invite_members': {
    status: 403,
    says: ({ member }: { readonly member: Said }) => ({
      fr: `Vous pouvez inviter un collègue comme « ${member.fr} », sans droits : un gestionnaire de l'organisation lui donnera ensuite un autre rôle ou des droits.`,
      en: `You may invite a colleague as "${member.en}", with no rights: a manager of the organization then gives them another role or rights.`,
    }),
  },
  'invitation.not_pending': {
    status: 409,
    field: 'invitationId',
    says: ({ status }: { readonly status: 'pending' | 'accepted' | 'revoked' | 'voided' }) => ({
      fr: `Cette invitation n'est plus en attente (${status === 'accepted' ? 'acceptée' : status === 'voided' ? "annulée à la fermeture de l'organisation" : 'retirée'}).`,
      en: `This invitation is no longer pending (${status === 'accepted' ? 'accepted' : status === 'voided' ? 'voided when the organization closed' : 'withdrawn'}).`,
    }),
  },
} as const satisfies Entries;
