import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { confirmEmailChange } from '../../api/index.js';
import { sharedStyles } from '../../styles/shared.js';
import { tokenFromFragment } from '../invitation-page/activation.js';

/** The token of the link `/email-change#token=…`, read once and then taken out of the address bar. */
function takeToken(): string {
  const token = tokenFromFragment(location.hash);
  if (token) history.replaceState(null, '', location.pathname);
  return token;
}

/**
 * R4: the page of the link sent to a new login e-mail (`/email-change#token=…`). Opening it confirms
 * the address (public: the token is enough, no session needed); from then on the person signs in
 * with it, and the old address is told. A link used, replaced or expired says so.
 */
@customElement('procura-email-change-confirm')
@localized()
export class EmailChangeConfirm extends LitElement {
  // A page of its own (main.ts puts it in the shell's place), so it brings its landmark and frame.
  static override styles = [sharedStyles, css`
    :host { display: block; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; line-height: 1.45; min-height: 100vh; background: #f5f7fa; }
    main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
  `];

  @state() private readonly token = takeToken();

  private readonly confirmation = new Task(this, {
    task: async ([token]) => {
      if (!token) throw new Error(msg('Ce lien est incomplet : ouvrez-le tel quel depuis l\'e-mail reçu.', { id: 'email_change.no_token' }));
      return confirmEmailChange(token);
    },
    args: () => [this.token] as const,
  });

  override render() {
    return html`<main id="main"><h1>${msg('Nouvelle adresse e-mail', { id: 'email_change.title' })}</h1>
      ${this.confirmation.render({
        pending: () => html`<p role="status">${msg('Confirmation de votre adresse…', { id: 'email_change.pending' })}</p>`,
        complete: ({ email }) => html`<p class="notice" role="status">${msg(str`Adresse confirmée : vous vous connectez désormais avec ${email}. Votre ancienne adresse en est informée.`, { id: 'email_change.done' })}</p>`,
        error: (error) => html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>`,
      })}
      <p><a href="/">${msg('Aller à la console', { id: 'email_change.console' })}</a></p></main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-email-change-confirm': EmailChangeConfirm;
  }
}
