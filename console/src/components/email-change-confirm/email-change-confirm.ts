import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { cancelEmailChange, confirmEmailChange } from '../../api/index.js';
import { sharedStyles } from '../../styles/shared.js';

/** Which link this is: `#token=…` (to the new address, confirms) or `#cancel=…` (to the old one, cancels). */
export function linkOfFragment(hash: string): { readonly kind: 'confirm' | 'cancel'; readonly token: string } {
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  const cancel = fragment.get('cancel');
  return cancel ? { kind: 'cancel', token: cancel } : { kind: 'confirm', token: fragment.get('token') ?? '' };
}

/** The link's token, read once and then taken out of the address bar. */
function takeLink(): ReturnType<typeof linkOfFragment> {
  const link = linkOfFragment(location.hash);
  if (link.token) history.replaceState(null, '', location.pathname);
  return link;
}

/**
 * R4: the page of the link sent to a new login e-mail (`/email-change#token=…`). Opening it confirms
 * the address (public: the token is enough, no session needed); from then on the person signs in
 * with it, and the old address is told. A link used, replaced or expired says so. Issue 14 item 7:
 * the same page, opened from the link sent to the OLD address (`#cancel=…`), cancels the change.
 */
@customElement('procura-email-change-confirm')
@localized()
export class EmailChangeConfirm extends LitElement {
  // A page of its own (main.ts puts it in the shell's place), so it brings its landmark and frame.
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        font-family:
          system-ui,
          -apple-system,
          'Segoe UI',
          sans-serif;
        line-height: 1.45;
        min-height: 100vh;
        background: #f5f7fa;
      }
      main {
        max-width: 40rem;
        margin: 0 auto;
        padding: 1.5rem 1rem 3rem;
      }
    `,
  ];

  @state() private readonly link = takeLink();

  private readonly confirmation = new Task(this, {
    task: async ([{ kind, token }]) => {
      if (!token) throw new Error(msg("Ce lien est incomplet : ouvrez-le tel quel depuis l'e-mail reçu.", { id: 'email_change.no_token' }));
      return kind === 'cancel' ? cancelEmailChange(token) : confirmEmailChange(token);
    },
    args: () => [this.link] as const,
  });

  override render() {
    const title =
      this.link.kind === 'cancel'
        ? msg("Annuler le changement d'adresse", { id: 'email_change.cancel_title' })
        : msg('Nouvelle adresse e-mail', { id: 'email_change.title' });
    return html`<main id="main">
      <h1>${title}</h1>
      ${this.confirmation.render({
        pending: () =>
          html`<p role="status">
            ${this.link.kind === 'cancel' ? msg('Annulation de la demande…', { id: 'email_change.cancel_pending' }) : msg('Confirmation de votre adresse…', { id: 'email_change.pending' })}
          </p>`,
        complete: ({ email }) =>
          this.link.kind === 'cancel'
            ? html`<p class="notice" role="status">
                ${msg(str`Demande annulée : vous vous connectez toujours avec ${email}. Si vous n'en êtes pas l'auteur, changez votre mot de passe dès maintenant.`, { id: 'email_change.cancelled' })}
              </p>`
            : html`<p class="notice" role="status">
                ${msg(str`Adresse confirmée : vous vous connectez désormais avec ${email}. Votre ancienne adresse en est informée, et vos autres sessions sont fermées.`, { id: 'email_change.done' })}
              </p>`,
        error: (error) => html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>`,
      })}
      <p><a href="/">${msg('Aller à la console', { id: 'email_change.console' })}</a></p>
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-email-change-confirm': EmailChangeConfirm;
  }
}
