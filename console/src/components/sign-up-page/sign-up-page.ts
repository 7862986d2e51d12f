import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { ApiError, signUp, type OrganizationType, type SignUpFiled } from '../../api/index.js';
import { dateLabel } from '../../i18n/labels.js';
import { language } from '../../i18n/localization.js';
import { formError, textField } from '../field-error/field-error.js';
import { filled, identifierField, organizationTypeField, personFields, personOf } from './person-fields.js';
import { PublicForm } from './public-form.js';
import { portalName } from '../../portal/portal.js';

/** The form's fields, named as the API names them (a refusal's `field`). */
const fields = [
  'identifier',
  'legalName',
  'type',
  'representative/givenName',
  'representative/familyName',
  'representative/function',
  'representative/email',
] as const;
type Field = (typeof fields)[number];

/**
 * R10, R11: the public sign-up page (`/sign-up`, no login). The identifier is checked by the API
 * as typed (its form and check digit, then the official registry: a number it does not know is
 * refused with what to do); the legal name, the type, and the representative who will hold the
 * access (names, function, e-mail; R5: a shared address is accepted with a warning). The answer
 * says by when the operator validates, or, where the type signs up at once, that the invitation
 * is on its way. An organization already on the platform is pointed to asking for access, or to
 * a recovery when nobody manages it any more (R22, R30).
 */
@customElement('procura-sign-up-page')
@localized()
export class SignUpPage extends PublicForm {
  @state() private filed: (SignUpFiled & { email: string }) | undefined;

  protected pageTitle(): string {
    return msg(str`${portalName()} — inscrire mon organisation`, { id: 'sign_up.page.title' });
  }

  protected renderBody() {
    return this.filed ? this.renderFiled(this.filed) : this.renderForm();
  }

  private renderForm() {
    const e = this.error;
    return html`<div class="card">
      <h1>${msg('Inscrire mon organisation', { id: 'sign_up.title' })}</h1>
      <p>
        ${msg("Votre organisation doit figurer au registre officiel. Son représentant reçoit l'accès de requérant : il invite ensuite ses collaborateurs et leur donne leurs droits.", { id: 'sign_up.intro' })}
      </p>
      <form @submit=${this.submit} novalidate aria-labelledby="sign-up-title">
        <h2 id="sign-up-title" class="visually-hidden">${msg('Inscrire mon organisation', { id: 'sign_up.title' })}</h2>
        ${identifierField(e, 'identifier')} ${this.alreadyRegistered()} ${textField(e, 'legalName', msg('Raison sociale', { id: 'sign_up.legal_name' }))}
        ${organizationTypeField(e)}
        ${personFields(e, 'representative', msg("Représentant de l'organisation", { id: 'sign_up.representative' }), msg("Une adresse personnelle plutôt qu'une adresse partagée (contact@, info@) : l'accès et ses droits sont personnels.", { id: 'sign_up.email.hint' }))}
        ${formError(e, fields)}
        <button type="submit" ?disabled=${this.busy}>${msg("Envoyer l'inscription", { id: 'sign_up.submit' })}</button>
      </form>
      <p class="muted">
        ${msg('Votre organisation est déjà inscrite ?', { id: 'sign_up.already' })} <a href="/">${msg('Se connecter', { id: 'signin.action' })}</a>
      </p>
    </div>`;
  }

  /** R22, R30: the organization is on the platform already: where to go instead. */
  private alreadyRegistered() {
    if (!(this.error instanceof ApiError) || this.error.code !== 'sign_up.already_registered') return nothing;
    return html`<ul>
      <li><a href="/#/me/access">${msg("Demander l'accès à ses gestionnaires", { id: 'sign_up.ask_access' })}</a></li>
      <li><a href="/recovery">${msg('Plus aucun gestionnaire joignable : demander la reprise', { id: 'sign_up.recover' })}</a></li>
    </ul>`;
  }

  private renderFiled(filed: SignUpFiled & { email: string }) {
    return html`<div class="card" role="status">
      ${
        filed.status === 'approved'
          ? html`<h1>${msg('Organisation inscrite', { id: 'sign_up.approved.title' })}</h1>
              <p>${msg(str`Une invitation est envoyée à ${filed.email} : ouvrez-la pour activer votre accès de requérant.`, { id: 'sign_up.approved' })}</p>`
          : html`<h1>${msg("Demande d'inscription reçue", { id: 'sign_up.pending.title' })}</h1>
              <p>
                ${msg(str`Nous vérifions votre inscription et vous répondons au plus tard le ${dateLabel(filed.deadline ?? '')}. Un accusé de réception est envoyé à ${filed.email}.`, { id: 'sign_up.pending' })}
              </p>
              <p>${msg("Une fois l'inscription validée, vous recevez par e-mail une invitation pour activer votre accès.", { id: 'sign_up.pending.next' })}</p>`
      }
      ${filed.warnings.map((warning) => html`<p class="warning">${warning.messages[language()]}</p>`)}
    </div>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: Field) => String(data.get(name) ?? '').trim();
    const representative = personOf(data, 'representative');
    await this.submitting(async () => {
      const filed = await signUp(
        filled({ identifier: value('identifier'), legalName: value('legalName'), type: value('type') as OrganizationType, representative }),
      );
      this.filed = { ...filed, email: representative.email };
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-sign-up-page': SignUpPage;
  }
}
