import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg } from '@lit/localize';
import { ApiError, requestMandate, type NewMandate } from '../../api/index.js';
import { uploadOf } from '../../api/files.js';
import { formError } from '../field-error/field-error.js';
import { services as catalogue } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import { MandateChange } from './mandate-change.js';

/** The fields of the form and the API's fields each one answers for (a refusal names one of them). */
const fields = {
  client: ['client', 'clientId'],
  document: ['powerOfAttorney', 'powerOfAttorney/content', 'powerOfAttorney/filename'],
  validUntil: ['validUntil'],
  services: ['services'],
  representative: ['clientRepresentative'],
  givenName: ['clientRepresentative/givenName'],
  familyName: ['clientRepresentative/familyName'],
  email: ['clientRepresentative/email'],
} as const;
type Field = keyof typeof fields;
const allFields = Object.values(fields).flat();

/** The refusal's message for one field of the form, whichever of its API fields it names. */
function messageOf(error: unknown, field: Field): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  for (const name of fields[field]) {
    const text = error.messageFor(name);
    if (text) return text;
  }
  return undefined;
}

/**
 * R24: the fiduciary's legal representative or deputy requests a mandate on a client: its
 * identifier, the signed power of attorney chosen from disk (PDF, PNG or JPEG, sent as base64), an
 * optional end date, the services it covers, and the client's representative when the client has no access yet. The
 * operator then decides (R31). Each refusal of the API shows under its field.
 */
@customElement('procura-mandate-request')
@localized()
export class MandateRequest extends MandateChange {
  static override styles = [sharedStyles];

  @state() private noAccess = false;
  /** Issue 16 item 7: none of the covered services chosen (the form says so, nothing is sent). */
  @state() private noService = false;

  private get error(): unknown {
    return this.errors['form'];
  }

  override render() {
    return html`<section aria-labelledby="request-title">
      <h2 id="request-title">${msg('Demander un mandat', { id: 'mandates.request.title' })}</h2>
      <p class="hint">
        ${msg("Le requérant ou son adjoint joint la procuration signée ; l'opérateur la vérifie puis valide le mandat.", { id: 'mandates.request.hint' })}
      </p>
      <p role="status" aria-live="polite" class="muted">${this.done}</p>
      <form @submit=${this.submit} novalidate>
        ${this.field('client', msg("Identifiant du client (IDE, SIRET, SIREN ou n° d'affilié)", { id: 'mandates.request.client' }), html`<input id="client" name="client" required autocomplete="off" aria-invalid=${this.invalid('client')} aria-describedby=${this.described('client')} />`)}
        ${this.field('document', msg('Procuration signée (PDF, PNG ou JPEG, 5 Mo au plus)', { id: 'mandates.request.document' }), html`<input id="document" name="document" type="file" required accept="application/pdf,image/png,image/jpeg" aria-invalid=${this.invalid('document')} aria-describedby=${this.described('document')} />`)}
        ${this.renderServices()}
        ${this.field('validUntil', msg('Fin du mandat (facultatif)', { id: 'mandates.request.valid_until' }), html`<input id="validUntil" name="validUntil" type="date" aria-invalid=${this.invalid('validUntil')} aria-describedby=${this.described('validUntil')} />`)}
        <div class="field">
          <label class="check"
            ><input
              type="checkbox"
              name="noAccess"
              .checked=${this.noAccess}
              @change=${(e: Event) => (this.noAccess = (e.target as HTMLInputElement).checked)}
            />
            ${msg("Le client n'a pas encore d'accès : j'indique son représentant, invité une fois le mandat validé", { id: 'mandates.request.no_access' })}</label
          >
        </div>
        ${this.noAccess || messageOf(this.error, 'representative') ? this.renderRepresentative() : nothing} ${formError(this.error, allFields)}
        <button type="submit" ?disabled=${this.busy}>${msg('Envoyer la demande', { id: 'mandates.request.submit' })}</button>
      </form>
    </section>`;
  }

  /** Issue 16 item 7 (fer-ge): the services the mandate covers, the only ones its delegates will get rights on. */
  private renderServices() {
    const api = messageOf(this.error, 'services');
    const text = this.noService ? msg('Choisissez au moins un service couvert par le mandat.', { id: 'mandates.request.services.required' }) : api;
    return html`<fieldset aria-describedby=${text ? 'services-hint services-error' : 'services-hint'}>
      <legend>${msg('Services couverts par le mandat', { id: 'mandates.request.services' })}</legend>
      <p class="hint" id="services-hint">
        ${msg('Vos mandataires ne recevront des droits que sur ces services, et seulement si le client y est abonné.', { id: 'mandates.request.services.hint' })}
      </p>
      ${catalogue().map((service) => html`<label class="check"><input type="checkbox" name="services" value=${service.id} @change=${() => (this.noService = false)} /> ${service.label}</label>`)}
      ${text ? html`<p class="error" id="services-error" role="alert">${text}</p>` : nothing}
    </fieldset>`;
  }

  private renderRepresentative() {
    return html`<fieldset aria-describedby=${this.described('representative')}>
      <legend>${msg('Représentant du client', { id: 'mandates.request.representative' })}</legend>
      ${this.errorOf('representative')}
      ${this.field('givenName', msg('Prénom', { id: 'mandates.request.given_name' }), html`<input id="givenName" name="givenName" autocomplete="off" aria-invalid=${this.invalid('givenName')} aria-describedby=${this.described('givenName')} />`)}
      ${this.field('familyName', msg('Nom', { id: 'mandates.request.family_name' }), html`<input id="familyName" name="familyName" autocomplete="off" aria-invalid=${this.invalid('familyName')} aria-describedby=${this.described('familyName')} />`)}
      ${this.field('email', msg('E-mail', { id: 'members.col.email' }), html`<input id="email" name="email" type="email" autocomplete="off" aria-invalid=${this.invalid('email')} aria-describedby=${this.described('email')} />`)}
    </fieldset>`;
  }

  private field(name: Field, label: string, control: unknown) {
    return html`<div class="field"><label for=${name}>${label}</label>${control}${this.errorOf(name)}</div>`;
  }

  private errorOf(name: Field) {
    const text = messageOf(this.error, name);
    return text ? html`<p class="error" id=${`${name}-error`} role="alert">${text}</p>` : nothing;
  }

  private invalid(name: Field): 'true' | 'false' {
    return messageOf(this.error, name) ? 'true' : 'false';
  }

  private described(name: Field) {
    return messageOf(this.error, name) ? `${name}-error` : nothing;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => ((data.get(name) as string | null) ?? '').trim();
    const file = data.get('document');
    const services = data.getAll('services') as string[];
    this.noService = services.length === 0;
    if (this.noService) return;
    const sent = await this.act(
      'form',
      async () =>
        requestMandate(this.orgId, {
          client: text('client'),
          // No file: the API's refusal (`input.invalid` on the power of attorney) shows under the field.
          ...(file instanceof File && file.size > 0 ? { powerOfAttorney: await uploadOf(file) } : {}),
          services,
          ...(text('validUntil') ? { validUntil: text('validUntil') } : {}),
          ...(this.noAccess ? { clientRepresentative: { givenName: text('givenName'), familyName: text('familyName'), email: text('email') } } : {}),
        } as NewMandate),
      () => msg("Demande envoyée : l'opérateur la vérifie ; vous êtes prévenu par e-mail de sa décision.", { id: 'mandates.request.done' }),
    );
    if (!sent) return;
    form.reset();
    this.noAccess = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-mandate-request': MandateRequest;
  }
}
