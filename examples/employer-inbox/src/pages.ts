import type { ProcuraAccess } from '@procura/express-kit';
import type { Letter } from './letters.js';

/** Server-rendered pages, French first; everything from outside is escaped. */

export const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escape(title)} — Vos courriers</title>
<style>body{font:16px system-ui;margin:2rem auto;max-width:46rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}</style></head>
<body><h1>${escape(title)}</h1>${body}</body></html>`;
}

export const welcome = (): string =>
  layout(
    'Vos courriers / Employer inbox',
    '<p>Connectez-vous pour lire les courriers de vos organisations. / Sign in to read your organizations\' letters.</p><p><a href="/login">Se connecter / Sign in</a></p>',
  );

/** The organizations, or units, whose letters the person may read (R29, R8: holders of `read` only). */
export function organizationList(access: ProcuraAccess): string {
  const items = access.organizationsWith('read').map((identifier) => {
    const via = access.via(identifier);
    const mandate = via ? ` (mandat via ${escape(via)} / mandate via ${escape(via)})` : '';
    if (access.can(identifier, 'read')) return `<li><a href="/organizations/${escape(identifier)}/letters">${escape(identifier)}</a>${mandate}</li>`;
    const units = Object.entries(access.organizations[identifier]?.units ?? {}).filter(([, rights]) => rights.includes('read'));
    const links = units.map(
      ([unit]) => `<a href="/organizations/${escape(identifier)}/units/${escape(unit)}/letters">unité / unit ${escape(unit.slice(0, 8))}</a>`,
    );
    return `<li>${escape(identifier)} : ${links.join(', ')}</li>`;
  });
  const incomplete = access.complete
    ? ''
    : '<p>Certaines organisations ne tiennent pas dans le jeton : choisissez-en une. / Some organizations do not fit in the token: pick one.</p>';
  const list = items.length
    ? `<ul>${items.join('')}</ul>`
    : '<p>Aucune organisation dont vous pouvez lire les courriers. / No organization whose letters you may read.</p>';
  return layout(
    'Vos organisations / Your organizations',
    `${list}${incomplete}<form method="post" action="/logout"><button>Se déconnecter / Sign out</button></form>`,
  );
}

/** The letters the person may see, unread ones marked, with their count. */
export function letterList(organization: string, letters: readonly Letter[], opened: ReadonlySet<string>, via: string | undefined, unit?: string): string {
  const base = unit ? `/organizations/${escape(organization)}/units/${escape(unit)}/letters` : `/organizations/${escape(organization)}/letters`;
  const rows = letters
    .map((l) => {
      const unread = !opened.has(l.id);
      const subject = `<a href="${base}/${escape(l.id)}">${escape(l.subject)}</a>${l.actionRequired ? ' <strong>(action requise / action required)</strong>' : ''}`;
      return `<tr${unread ? ' class="unread"' : ''}><td>${escape(l.receivedOn)}</td><td>${escape(l.sender)}</td><td>${unread ? `<strong>${subject}</strong>` : subject}</td></tr>`;
    })
    .join('');
  const unreadCount = letters.filter((l) => !opened.has(l.id)).length;
  const mandate = via ? `<p>Vous agissez par mandat de la fiduciaire ${escape(via)}. / You act under a mandate of the fiduciary ${escape(via)}.</p>` : '';
  const of = unit ? `${organization}, unité / unit ${unit.slice(0, 8)}` : organization;
  const table = letters.length
    ? `<table><thead><tr><th>Reçu / Received</th><th>Émetteur / Sender</th><th>Objet / Subject</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>Aucun courrier que vous pouvez lire. / No letter you may read.</p>';
  return layout(
    `Courriers de ${of} / Letters of ${of}`,
    `${mandate}<p class="unread-count">Non lus / Unread : ${unreadCount}</p>${table}<p><a href="/">Retour / Back</a></p>`,
  );
}

export function letterPage(letter: Letter): string {
  const action = letter.actionRequired ? '<p><strong>Action requise / Action required</strong></p>' : '';
  return layout(
    letter.subject,
    `${action}<p>${escape(letter.sender)} — ${escape(letter.receivedOn)}</p><p><a href="/organizations/${escape(letter.organization)}${letter.unit ? `/units/${escape(letter.unit)}` : ''}/letters">Retour aux courriers / Back to the letters</a></p>`,
  );
}
