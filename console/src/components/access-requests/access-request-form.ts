import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { requestAccess } from '../../api/index.js';
import { roleLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import { errorId, fieldError, formError, invalid } from '../field-error/field-error.js';
import { identifierField } from '../sign-up-page/person-fields.js';

const fields = ['organization', 'role', 'message'] as const;

/**
 * R22: a signed-in person asks an organization, found by its number, for access: as a member (to
 * act in its services, with the rights its managers give) or as an observer (to read, the journal
 * for one). The organization's managers are told and answer in their console; the person is told
 * by e-mail either way. An unknown number, a membership already held or a request still pending
 * is refused under its field.
 */
@customElement('procura-access-request-form')
@localized()
export class AccessRequestForm extends LitElement {
  static override styles = [sharedStyles, css`
    form { max-width: 36rem; }
    textarea { font: inherit; width: 100%; box-sizing: border-box; border: 1px solid #7b8794; border-radius: 0.375rem; padding: 0.4rem 0.5rem; }
    fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
    legend { font-weight: 600; margin-bottom: 0.25rem; }
    .check { display: flex; gap: 0.5rem; align-items: flex-start; font-weight: 400; }
    .check input { min-height: auto; width: 1.1rem; height: 1.1rem; margin-top: 0.2rem; flex: none; }
  `];

  @state() private error: unknown;
  @state() private busy = false;
  @state() private sent: { organizationNumber: string; role: 'member' | 'observer' } | undefined;

  override render() {
    const e = this.error;
    return html`
      <h1>${msg('Demander un accès', { id: 'access.ask.title' })}</h1>
      <p>${msg("Demandez à une organisation de vous donner accès à ses services en ligne : ses gestionnaires reçoivent votre demande et vous répondent par e-mail.", { id: 'access.ask.intro' })}</p>
      ${this.sent ? html`<p class="notice" role="status">${msg(str`Demande envoyée à l'organisation ${this.sent.organizationNumber}, comme ${roleLabel(this.sent.role)}. Vous recevrez sa réponse par e-mail.`, { id: 'access.ask.sent' })}</p>` : nothing}
      <form @submit=${this.submit} novalidate>
        ${identifierField(e, 'organization')}
        <fieldset aria-describedby=${errorId(e, 'role') || nothing}>
          <legend>${msg('Accès demandé', { id: 'access.ask.role' })}</legend>
          <label class="check"><input type="radio" name="role" value="member" checked aria-invalid=${invalid(e, 'role')} />
            <span>${roleLabel('member')} — ${msg('agir dans les services, avec les droits que les gestionnaires me donnent', { id: 'access.ask.member' })}</span></label>
          <label class="check"><input type="radio" name="role" value="observer" aria-invalid=${invalid(e, 'role')} />
            <span>${roleLabel('observer')} — ${msg("consulter, par exemple le journal de l'entreprise, sans rien modifier", { id: 'access.ask.observer' })}</span></label>
          ${fieldError(e, 'role', 'role-error')}
        </fieldset>
        <div class="field">
          <label for="message">${msg('Message pour les gestionnaires (facultatif)', { id: 'access.ask.message' })}</label>
          <textarea id="message" name="message" rows="3" maxlength="1000" aria-invalid=${invalid(e, 'message')} aria-describedby=${errorId(e, 'message') || nothing}></textarea>
          ${fieldError(e, 'message', 'message-error')}
        </div>
        ${formError(e, fields)}
        <button type="submit" ?disabled=${this.busy}>${msg('Envoyer la demande', { id: 'mandates.request.submit' })}</button>
      </form>
    `;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const organization = String(data.get('organization') ?? '').trim();
    const role = data.get('role') === 'observer' ? 'observer' : 'member';
    const message = String(data.get('message') ?? '').trim();
    this.error = undefined;
    this.sent = undefined;
    this.busy = true;
    try {
      await requestAccess({ organization, role, ...(message ? { message } : {}) });
      this.sent = { organizationNumber: organization, role };
      form.reset();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-access-request-form': AccessRequestForm;
  }
}
