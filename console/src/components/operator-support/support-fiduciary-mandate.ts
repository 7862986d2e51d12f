import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { fileMandateForUnaffiliated } from '../../api/index.js';
import { uploadOf } from '../../api/files.js';
import { services as catalogue } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import { fieldError, formError, invalid, textField } from '../field-error/field-error.js';
import { filled, identifierField, personFields, personOf } from '../sign-up-page/person-fields.js';
import { SupportForm } from './support-form.js';

const fields = [
  'identifier',
  'legalName',
  'client',
  'powerOfAttorney',
  'powerOfAttorney/content',
  'services',
  'reason',
  'representative/givenName',
  'representative/familyName',
  'representative/function',
  'representative/email',
];

/**
 * Issue 16 item 6, fer-ge « Si la fiduciaire n'est pas affiliée … avec la procuration du mandat »:
 * the fiduciary (registered, its representative invited) and its mandate on the client, with the
 * power of attorney and the services it covers, filed and validated in one step, with the reason.
 * Its own element, so that its fields' ids stay apart from the registration form's.
 */
@customElement('procura-support-fiduciary-mandate')
@localized()
export class SupportFiduciaryMandate extends SupportForm {
  static override styles = [
    sharedStyles,
    css`
      fieldset {
        min-width: 0;
      }
      fieldset label {
        font-weight: 400;
      }
    `,
  ];

  @state() private error: unknown;

  override render() {
    const e = this.error;
    return html`<section aria-labelledby="fiduciary-title">
      <h2 id="fiduciary-title">${msg("Mandat d'une fiduciaire pas encore inscrite", { id: 'desk.fiduciary' })}</h2>
      <p class="hint">
        ${msg('La fiduciaire est inscrite et son représentant invité ; son mandat sur le client est déposé avec la procuration et validé aussitôt.', { id: 'desk.fiduciary.hint' })}
      </p>
      <p role="status" aria-live="polite" class="notice" ?hidden=${!this.done}>${this.done}</p>
      <form @submit=${this.submit} novalidate>
        ${identifierField(e, 'identifier')} ${textField(e, 'legalName', msg('Raison sociale', { id: 'sign_up.legal_name' }))}
        ${personFields(e, 'representative', msg('Représentant de la fiduciaire', { id: 'desk.fiduciary.representative' }), msg("Une adresse personnelle plutôt qu'une adresse partagée (contact@, info@) : l'accès et ses droits sont personnels.", { id: 'sign_up.email.hint' }))}
        ${textField(e, 'client', msg("Identifiant du client (IDE, SIRET, SIREN ou n° d'affilié)", { id: 'mandates.request.client' }))}
        <div class="field">
          <label for="document">${msg('Procuration signée (PDF, PNG ou JPEG, 5 Mo au plus)', { id: 'mandates.request.document' })}</label>
          <input
            id="document"
            name="document"
            type="file"
            accept="application/pdf,image/png,image/jpeg"
            aria-invalid=${invalid(e, 'powerOfAttorney')}
            aria-describedby=${invalid(e, 'powerOfAttorney') === 'true' ? 'document-error' : nothing}
          />
          ${fieldError(e, 'powerOfAttorney', 'document-error')}
        </div>
        <fieldset>
          <legend>${msg('Services couverts par le mandat', { id: 'mandates.request.services' })}</legend>
          ${catalogue().map((service) => html`<label><input type="checkbox" name="services" value=${service.id} /> ${service.label}</label>`)}
          ${fieldError(e, 'services', 'services-error')}
        </fieldset>
        ${textField(e, 'reason', msg('Motif', { id: 'desk.reason' }), { idPrefix: 'fiduciary-' })} ${formError(e, fields)}
        <button type="submit" ?disabled=${this.busy}>${msg('Inscrire et valider le mandat', { id: 'desk.fiduciary.submit' })}</button>
      </form>
    </section>`;
  }

  private readonly submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const file = data.get('document');
    const services = data.getAll('services') as string[];
    const legalName = value('legalName');
    await this.run(
      (error) => (this.error = error),
      async () => {
        await fileMandateForUnaffiliated({
          ...filled({ identifier: value('identifier'), legalName, client: value('client'), reason: value('reason') }),
          representative: personOf(data, 'representative'),
          ...(file instanceof File && file.size > 0 ? { powerOfAttorney: await uploadOf(file) } : {}),
          ...(services.length > 0 ? { services } : {}),
        });
        form.reset();
        this.done = msg(str`${legalName} est inscrite et son mandat validé ; son représentant reçoit son invitation.`, { id: 'desk.fiduciary.done' });
      },
    );
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-support-fiduciary-mandate': SupportFiduciaryMandate;
  }
}
