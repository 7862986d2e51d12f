import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { setMailSecurityKey } from '../../api/index.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import '../confirm-dialog/confirm-dialog.js';
import { errorId, fieldError, formError, invalid } from '../field-error/field-error.js';

/**
 * The mail security key (R23; Geneva's activation asks for it, R16): a manager sets a new one or
 * stops asking for one, each confirmed, and the other managers are told by e-mail. The key is
 * never shown back (the server keeps only its scrypt hash), so the screen has nothing to load.
 * The API's refusal (8 to 64 characters) shows under the key; a mistyped repetition under its own.
 */
@customElement('procura-mail-security-key')
@localized()
export class MailSecurityKey extends LitElement {
  static override styles = [sharedStyles];

  @property() orgId = '';
  @state() private error: unknown;
  @state() private mismatch = '';
  @state() private done = '';
  @state() private busy = false;
  @query('procura-confirm-dialog') private confirm!: ConfirmDialog;

  override render() {
    const e = this.error;
    return html`
      <h1>${msg('Clé de sécurité courrier', { id: 'nav.key' })}</h1>
      <p>
        ${msg("Envoyée par courrier postal à l'organisation, elle est demandée à l'activation d'un compte. Elle n'est jamais affichée : seule une empreinte est conservée. Les autres gestionnaires sont avertis par e-mail de chaque changement.", { id: 'key.intro' })}
      </p>
      <p role="status" aria-live="polite" class=${this.done ? 'notice' : ''}>${this.done}</p>
      <section aria-labelledby="key-change-title">
        <h2 id="key-change-title">${msg('Changer la clé', { id: 'key.change.title' })}</h2>
        <form @submit=${this.submit} novalidate>
          <div class="field">
            <label for="key">${msg('Nouvelle clé', { id: 'key.new' })}</label>
            <input
              type="password"
              id="key"
              name="key"
              autocomplete="new-password"
              aria-invalid=${invalid(e, 'key')}
              aria-describedby=${[errorId(e, 'key'), 'key-hint'].filter(Boolean).join(' ')}
            />
            <p class="hint" id="key-hint">${msg('De 8 à 64 caractères.', { id: 'key.hint' })}</p>
            ${fieldError(e, 'key', 'key-error')}
          </div>
          <div class="field">
            <label for="repeat">${msg('Répétez la clé', { id: 'key.repeat' })}</label>
            <input
              type="password"
              id="repeat"
              name="repeat"
              autocomplete="new-password"
              aria-invalid=${this.mismatch ? 'true' : 'false'}
              aria-describedby=${this.mismatch ? 'repeat-error' : nothing}
            />
            ${this.mismatch ? html`<p class="error" id="repeat-error" role="alert">${this.mismatch}</p>` : nothing}
          </div>
          ${formError(e, ['key'])}
          <button type="submit" ?disabled=${this.busy}>${msg('Enregistrer la nouvelle clé', { id: 'key.save' })}</button>
        </form>
      </section>
      <section aria-labelledby="key-remove-title">
        <h2 id="key-remove-title">${msg('Ne plus demander de clé', { id: 'key.remove.title' })}</h2>
        <p class="hint">${msg("Sans clé, l'activation d'un compte ne demande que le lien reçu par e-mail.", { id: 'key.remove.hint' })}</p>
        <button class="danger" ?disabled=${this.busy} @click=${this.removeKey}>${msg('Retirer la clé', { id: 'key.remove' })}</button>
      </section>
      <procura-confirm-dialog></procura-confirm-dialog>
    `;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const key = String(form.get('key') ?? '');
    this.error = undefined;
    this.done = '';
    this.mismatch = key === String(form.get('repeat') ?? '') ? '' : msg('Les deux saisies diffèrent.', { id: 'key.mismatch' });
    if (this.mismatch) return;
    const confirmed = await this.confirm.ask({
      title: msg('Changer la clé de sécurité courrier ?', { id: 'key.change.confirm.title' }),
      text: msg('Les comptes activés ensuite demanderont la nouvelle clé ; les autres gestionnaires en sont avertis par e-mail.', {
        id: 'key.change.confirm.text',
      }),
      confirmLabel: msg('Changer la clé', { id: 'key.change.title' }),
    });
    if (confirmed && (await this.save(key, msg('Nouvelle clé enregistrée ; les autres gestionnaires sont avertis.', { id: 'key.saved' })))) formElement.reset();
  }

  private async removeKey(): Promise<void> {
    this.error = undefined;
    this.done = '';
    const confirmed = await this.confirm.ask({
      title: msg('Retirer la clé de sécurité courrier ?', { id: 'key.remove.confirm.title' }),
      text: msg("L'activation d'un compte ne demandera plus de clé ; les autres gestionnaires en sont avertis par e-mail.", { id: 'key.remove.confirm.text' }),
      confirmLabel: msg('Retirer la clé', { id: 'key.remove' }),
      danger: true,
    });
    if (confirmed) await this.save(null, msg("Clé retirée : l'activation n'en demande plus.", { id: 'key.removed' }));
  }

  private async save(key: string | null, done: string): Promise<boolean> {
    this.busy = true;
    try {
      await setMailSecurityKey(this.orgId, key);
      this.done = done;
      return true;
    } catch (error) {
      this.error = error;
      return false;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-mail-security-key': MailSecurityKey;
  }
}
