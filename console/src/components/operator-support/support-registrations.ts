import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { addAntennaBySupport, registerOrganizationBySupport, type OrganizationType } from '../../api/index.js';
import { sharedStyles } from '../../styles/shared.js';
import { formError, textField } from '../field-error/field-error.js';
import { filled, identifierField, organizationTypeField, personFields, personOf } from '../sign-up-page/person-fields.js';
import { SupportForm } from './support-form.js';

const registrationFields = [
  'identifier',
  'legalName',
  'type',
  'reason',
  'representative/givenName',
  'representative/familyName',
  'representative/function',
  'representative/email',
];

/**
 * Issue 16 item 6: the support desk's registrations — an organization sent in by e-mail (fer-ge
 * option 2: checked in the registry, created validated, its representative invited) and an antenna
 * of a prescriber (emplois-inclusion), each with its reason.
 */
@customElement('procura-support-registrations')
@localized()
export class SupportRegistrations extends SupportForm {
  static override styles = [sharedStyles];

  @state() private registerError: unknown;
  @state() private antennaError: unknown;

  override render() {
    return html`<p role="status" aria-live="polite" class="notice" ?hidden=${!this.done}>${this.done}</p>
      ${this.renderRegistration()}${this.renderAntenna()}`;
  }

  private renderRegistration() {
    const e = this.registerError;
    return html`<section aria-labelledby="register-title">
      <h2 id="register-title">${msg('Inscrire une organisation reçue par e-mail', { id: 'desk.register' })}</h2>
      <p class="hint">
        ${msg("Le numéro est vérifié dans le registre ; l'organisation est créée validée et son représentant reçoit son invitation de requérant.", { id: 'desk.register.hint' })}
      </p>
      <form @submit=${this.register} novalidate>
        ${identifierField(e, 'identifier')} ${textField(e, 'legalName', msg('Raison sociale', { id: 'sign_up.legal_name' }))} ${organizationTypeField(e)}
        ${personFields(e, 'representative', msg("Représentant de l'organisation", { id: 'sign_up.representative' }), msg("Une adresse personnelle plutôt qu'une adresse partagée (contact@, info@) : l'accès et ses droits sont personnels.", { id: 'sign_up.email.hint' }))}
        ${textField(e, 'reason', msg('Motif', { id: 'desk.reason' }), { idPrefix: 'register-' })} ${formError(e, registrationFields)}
        <button type="submit" ?disabled=${this.busy}>${msg("Inscrire l'organisation", { id: 'desk.register.submit' })}</button>
      </form>
    </section>`;
  }

  private renderAntenna() {
    const e = this.antennaError;
    return html`<section aria-labelledby="antenna-title">
      <h2 id="antenna-title">${msg("Créer l'antenne d'un prescripteur", { id: 'desk.antenna' })}</h2>
      <form @submit=${this.addAntenna} novalidate>
        ${identifierField(e, 'organization')} ${textField(e, 'name', msg("Nom de l'antenne", { id: 'desk.antenna.name' }), { idPrefix: 'antenna-' })}
        ${textField(e, 'reason', msg('Motif', { id: 'desk.reason' }), { idPrefix: 'antenna-' })} ${formError(e, ['organization', 'name', 'reason'])}
        <button type="submit" ?disabled=${this.busy}>${msg("Créer l'antenne", { id: 'desk.antenna.submit' })}</button>
      </form>
    </section>`;
  }

  private readonly register = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const legalName = value('legalName');
    await this.run(
      (error) => (this.registerError = error),
      async () => {
        await registerOrganizationBySupport({
          ...filled({ identifier: value('identifier'), legalName, reason: value('reason') }),
          type: value('type') as OrganizationType,
          representative: personOf(data, 'representative'),
        });
        form.reset();
        this.done = msg(str`${legalName} est inscrite ; son représentant reçoit son invitation.`, { id: 'desk.register.done' });
      },
    );
  };

  private readonly addAntenna = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    const name = value('name');
    await this.run(
      (error) => (this.antennaError = error),
      async () => {
        await addAntennaBySupport(filled({ organization: value('organization'), name, reason: value('reason') }));
        form.reset();
        this.done = msg(str`Antenne créée : ${name}.`, { id: 'desk.antenna.done' });
      },
    );
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-support-registrations': SupportRegistrations;
  }
}
