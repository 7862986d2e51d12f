import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { ApiError, requestRecovery } from '../../api/index.js';
import { uploadOf } from '../../api/files.js';
import { dateLabel } from '../../i18n/labels.js';
import { errorId, fieldError, formError, invalid } from '../field-error/field-error.js';
import { filled, identifierField, personFields, personOf } from '../sign-up-page/person-fields.js';
import { PublicForm } from '../sign-up-page/public-form.js';
import { portalName } from '../../portal/portal.js';

/** The form's fields, named as the API names them (a refusal's `field`). */
const fields = ['organization', 'requester/givenName', 'requester/familyName', 'requester/function', 'requester/email', 'documents', 'message'] as const;

/** At most this many files, as the API takes them. */
const maxDocuments = 5;

/**
 * R30: the public recovery page (`/recovery`, no login), for an organization none of whose
 * managers can be reached any more (they left, and their account may still exist): the
 * organization's number, who asks (names, function, e-mail), the supporting documents (a register
 * extract, a letter signed by the organization) and a message for the operator. The operator
 * checks them, then appoints the requester and withdraws the departed managers' access.
 */
@customElement('procura-recovery-page')
@localized()
export class RecoveryPage extends PublicForm {
  @state() private filed: { deadline: string; email: string } | undefined;

  protected pageTitle(): string {
    return msg(str`${portalName()} — reprendre la gestion d'une organisation`, { id: 'recovery.page.title' });
  }

  protected renderBody() {
    return this.filed ? this.renderFiled(this.filed) : this.renderForm();
  }

  private renderForm() {
    const e = this.error;
    const documentsDescribed = ['documents-hint', errorId(e, this.documentsField()) ? 'documents-error' : ''].filter(Boolean).join(' ');
    return html`<div class="card">
      <h1>${msg("Reprendre la gestion d'une organisation", { id: 'recovery.title' })}</h1>
      <p>
        ${msg("Plus aucun gestionnaire de votre organisation n'est joignable (départ, absence durable) ? Demandez à être nommé requérant. Nous vérifions vos justificatifs, puis nous retirons l'accès des gestionnaires partis.", { id: 'recovery.intro' })}
      </p>
      <form @submit=${this.submit} novalidate aria-labelledby="recovery-form-title">
        <h2 id="recovery-form-title" class="visually-hidden">${msg("Reprendre la gestion d'une organisation", { id: 'recovery.title' })}</h2>
        ${identifierField(e, 'organization')}
        ${personFields(e, 'requester', msg('Vous', { id: 'recovery.requester' }), msg("Votre adresse personnelle : l'invitation y sera envoyée.", { id: 'recovery.email.hint' }))}
        <div class="field">
          <label for="documents">${msg('Justificatifs', { id: 'recovery.documents' })}</label>
          <input
            id="documents"
            name="documents"
            type="file"
            multiple
            accept="application/pdf,image/png,image/jpeg"
            aria-invalid=${invalid(e, this.documentsField())}
            aria-describedby=${documentsDescribed}
          />
          <p class="hint" id="documents-hint">
            ${msg("Un extrait récent du registre du commerce et une lettre signée par un dirigeant de l'organisation : PDF, PNG ou JPEG, 5 fichiers et 5 Mo par fichier au plus.", { id: 'recovery.documents.hint' })}
          </p>
          ${fieldError(e, this.documentsField(), 'documents-error')}
        </div>
        <div class="field">
          <label for="message">${msg("Message pour l'opérateur (facultatif)", { id: 'recovery.message' })}</label>
          <textarea
            id="message"
            name="message"
            rows="4"
            maxlength="2000"
            aria-invalid=${invalid(e, 'message')}
            aria-describedby=${errorId(e, 'message') || nothing}
          ></textarea>
          ${fieldError(e, 'message', 'message-error')}
        </div>
        ${formError(e, [...fields, this.documentsField()])}
        <button type="submit" ?disabled=${this.busy}>${msg('Envoyer la demande', { id: 'mandates.request.submit' })}</button>
      </form>
    </div>`;
  }

  /** The documents' field the refusal names: the list, or one file of it (`documents/1`). */
  private documentsField(): string {
    const field = this.error instanceof ApiError ? (this.error.field ?? this.error.problems[0]?.field ?? '') : '';
    return field.startsWith('documents') ? field : 'documents';
  }

  private renderFiled(filed: { deadline: string; email: string }) {
    return html`<div class="card" role="status">
      <h1>${msg('Demande de reprise reçue', { id: 'recovery.filed.title' })}</h1>
      <p>${msg(str`Nous examinons vos justificatifs et répondons à ${filed.email} au plus tard le ${dateLabel(filed.deadline)}.`, { id: 'recovery.filed' })}</p>
      <p>
        ${msg("Si la reprise est acceptée, vous recevez une invitation pour activer votre accès de requérant, ou ce rôle s'ajoute à votre compte s'il existe déjà.", { id: 'recovery.filed.next' })}
      </p>
    </div>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const files = data.getAll('documents').filter((file): file is File => file instanceof File && file.size > 0);
    if (files.length > maxDocuments) {
      this.error = new ApiError('documents.too_many', 0, { fr: `${maxDocuments} fichiers au plus.`, en: `${maxDocuments} files at most.` }, 'documents');
      return;
    }
    await this.submitting(async () => {
      const requester = personOf(data, 'requester');
      const message = value('message');
      // No file: the API's refusal (at least one document) shows under the field.
      const filed = await requestRecovery(
        filled({ organization: value('organization'), requester, documents: await Promise.all(files.map(uploadOf)), message }),
      );
      this.filed = { deadline: filed.deadline, email: requester.email };
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-recovery-page': RecoveryPage;
  }
}
