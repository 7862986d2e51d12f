import type { Entries } from './entry.js';

/** The audit trail's webhooks (issue 21 item 4, decision 0070). */
export const auditErrors = {
  'webhook.not_found': { status: 404, field: 'webhookId', fr: 'Webhook introuvable.', en: 'Webhook not found.' },
  'webhook.too_many': {
    status: 409,
    field: 'url',
    says: ({ max }: { readonly max: number }) => ({
      fr: `Au plus ${max} webhooks à la fois : retirez-en un avant d'en ajouter un autre.`,
      en: `At most ${max} webhooks at once: remove one before adding another.`,
    }),
  },
  'webhook.url_invalid': {
    status: 422,
    field: 'url',
    fr: "Cette adresse n'est pas une URL complète (https://…).",
    en: 'This is not a complete URL (https://…).',
  },
  'webhook.url_not_https': {
    status: 422,
    field: 'url',
    fr: "L'adresse du webhook commence par https:// : le journal d'audit ne circule que chiffré.",
    en: "The webhook's URL starts with https://: the audit trail only travels encrypted.",
  },
  'webhook.url_credentials': {
    status: 422,
    field: 'url',
    fr: "L'adresse ne contient ni nom d'utilisateur ni mot de passe : les envois sont signés.",
    en: 'The URL holds no user name or password: deliveries are signed.',
  },
  'webhook.url_private': {
    status: 422,
    field: 'url',
    fr: "L'adresse désigne un réseau privé ; le webhook doit être joignable depuis Internet.",
    en: 'The URL points to a private network; the webhook must be reachable from the Internet.',
  },
} as const satisfies Entries;
