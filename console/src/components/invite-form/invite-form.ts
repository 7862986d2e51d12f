import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { getUnits, inviteMember, listServices, roles, type InvitationCreated, type NewInvitation, type Right, type Role, type Warning } from '../../api/index.js';
import { language } from '../../i18n/localization.js';
import { roleLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import { errorId, fieldError, formError, invalid } from '../field-error/field-error.js';
import { flatten } from '../member-detail/member-rights.js';
import { availableServices, serviceRightsStyles, splitBySubscription } from '../service-rights/service-rights.js';
import { secretQuestionFields } from '../member-detail/secret-question.js';

const fields = ['email', 'givenName', 'familyName', 'role', 'expiresOn', 'rights', 'secretQuestion', 'secretAnswer'] as const;

/**
 * Invites a person (R16): e-mail, names, role, expiry (R19) and the rights they will hold, chosen at
 * once, on the whole organization or one unit (R8; R13, R15: the API refuses a right the manager
 * does not control or of an unsubscribed service, beside the rights). A role address such as contact@ is accepted with R5's warning,
 * shown under the e-mail field; the Geneva secret answer is optional (R16).
 *
 * @fires invitation-created - `detail`: the API's answer (the invitation and its warnings).
 */
@customElement('procura-invite-form')
@localized()
export class InviteForm extends LitElement {
  static override styles = [sharedStyles, serviceRightsStyles, css`
    h2 { margin-top: 0; }
    fieldset { border: 1px solid #d9e2ec; border-radius: 0.375rem; margin: 0 0 0.75rem; padding: 0.5rem 0.75rem; }
    legend { font-weight: 600; padding: 0 0.25rem; }
    .rights { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0 0.75rem; }
    input[type='email'] { width: 22rem; }
    @media (max-width: 40rem) { input[type='email'] { width: 100%; } }
  `];

  @property() orgId = '';
  @state() private error: unknown;
  @state() private warnings: readonly Warning[] = [];
  @state() private sent = '';
  @state() private busy = false;

  /** The units a right may be limited to (R8); without them, rights go on the whole organization. */
  private readonly units = new Task(this, {
    task: async ([orgId], { signal }) => flatten((await getUnits(orgId, signal)).units),
    args: () => [this.orgId] as const,
  });

  /** The catalogue as the organization sees it: only subscribed services' rights are offered (R15). */
  private readonly catalogue = new Task(this, {
    task: async ([orgId], { signal }) => (await listServices(orgId, signal)).items,
    args: () => [this.orgId] as const,
  });

  override render() {
    const e = this.error;
    const emailWarning = this.warnings.filter((w) => w.field === '/email');
    const describedEmail = [errorId(e, 'email'), emailWarning.length ? 'email-warning' : ''].filter(Boolean).join(' ');
    return html`<form @submit=${this.submit} novalidate aria-labelledby="invite-title">
      <h2 id="invite-title">${msg('Inviter une personne', { id: 'invite.title' })}</h2>
      <p class="hint">${msg("La personne reçoit un lien par e-mail pour activer son compte et choisir son mot de passe. Préférez une adresse nominative.", { id: 'invite.hint' })}</p>
      <div class="field">
        <label for="email">${msg('E-mail', { id: 'members.col.email' })}</label>
        <input type="email" id="email" name="email" autocomplete="off" aria-invalid=${invalid(e, 'email')} aria-describedby=${describedEmail || nothing} />
        ${fieldError(e, 'email', 'email-error')}
        ${emailWarning.length ? html`<div id="email-warning" class="warning" role="status">${emailWarning.map((w) => html`<p>${w.messages[language()]}</p>`)}</div>` : nothing}
      </div>
      <div class="row field">
        ${this.text('givenName', msg('Prénom', { id: 'invite.givenName' }))}
        ${this.text('familyName', msg('Nom de famille', { id: 'invite.familyName' }))}
      </div>
      <div class="row field">
        <div>
          <label for="role">${msg('Rôle', { id: 'members.role' })}</label>
          <select id="role" name="role" aria-invalid=${invalid(e, 'role')} aria-describedby=${errorId(e, 'role') || nothing}>
            ${roles.map((r) => html`<option value=${r} ?selected=${r === 'member'}>${roleLabel(r)}</option>`)}
          </select>
          ${fieldError(e, 'role', 'role-error')}
        </div>
        <div>
          <label for="expiresOn">${msg("Date d'échéance", { id: 'member.expiry.label' })}</label>
          <input type="date" id="expiresOn" name="expiresOn" aria-invalid=${invalid(e, 'expiresOn')} aria-describedby=${errorId(e, 'expiresOn') || nothing} />
          ${fieldError(e, 'expiresOn', 'expiresOn-error')}
        </div>
      </div>
      <fieldset aria-describedby=${errorId(e, 'rights') || 'rights-hint'}>
        <legend>${msg('Droits', { id: 'invite.rights' })}</legend>
        <p class="hint" id="rights-hint">${msg('Seulement les droits que vous détenez, sur les services souscrits.', { id: 'invite.rights.hint' })}</p>
        <div class="field">
          <label for="unitId">${msg('Portée', { id: 'rights.scope' })}</label>
          <select id="unitId" name="unitId">
            <option value="">${msg("Toute l'organisation", { id: 'rights.scope.all' })}</option>
            ${(this.units.value ?? []).map(({ unit, depth }) => html`<option value=${unit.id}>${'\u00a0\u00a0'.repeat(depth)}${unit.name}</option>`)}
          </select>
        </div>
        ${this.renderRights()}
        ${fieldError(e, 'rights', 'rights-error')}
      </fieldset>
      <fieldset>
        <legend>${msg('Question secrète (facultative)', { id: 'invite.secret' })}</legend>
        ${secretQuestionFields(e, null, msg("Genève : l'activation affichera la question et demandera la réponse ; communiquez-la vous-même à la personne.", { id: 'invite.secretAnswer.hint' }))}
      </fieldset>
      ${formError(e, fields)}
      <button type="submit" ?disabled=${this.busy}>${msg("Envoyer l'invitation", { id: 'invite.submit' })}</button>
      <p role="status" aria-live="polite" class="muted">${this.sent}</p>
    </form>`;
  }

  private renderRights() {
    const { subscribed, available } = splitBySubscription(this.catalogue.value ?? []);
    return html`<div class="rights">${subscribed.map((s) => html`<fieldset class="service">
      <legend>${s.label}</legend>
      ${s.rights.map((r) => html`<label class="check"><input type="checkbox" name="rights" value=${`${s.id}:${r.id}`} />${r.label}</label>`)}
    </fieldset>`)}${availableServices(available, this.orgId, 'invite')}</div>`;
  }

  private text(name: 'givenName' | 'familyName', label: string) {
    const e = this.error;
    return html`<div>
      <label for=${name}>${label}</label>
      <input type="text" id=${name} name=${name} aria-invalid=${invalid(e, name)} aria-describedby=${errorId(e, name) || nothing} />
      ${fieldError(e, name, `${name}-error`)}
    </div>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const invitation = invitationOf(new FormData(formElement));
    this.busy = true;
    this.error = undefined;
    this.warnings = [];
    this.sent = '';
    try {
      const created = await inviteMember(this.orgId, invitation);
      this.warnings = created.warnings;
      this.sent = msg(str`Invitation envoyée à ${created.invitation.email}.`, { id: 'invite.sent' });
      formElement.reset();
      this.dispatchEvent(new CustomEvent<InvitationCreated>('invitation-created', { detail: created, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

/** The form as the API's body: empty optional fields left out, every right on the chosen scope. */
function invitationOf(form: FormData): NewInvitation {
  const value = (name: string) => ((form.get(name) as string | null) ?? '').trim();
  const unitId = value('unitId') || null;
  const rights: Right[] = form.getAll('rights').map((pair) => {
    const [serviceId = '', rightId = ''] = String(pair).split(':');
    return { serviceId, rightId, unitId };
  });
  return {
    email: value('email'),
    role: value('role') as Role,
    ...(value('givenName') ? { givenName: value('givenName') } : {}),
    ...(value('familyName') ? { familyName: value('familyName') } : {}),
    ...(value('expiresOn') ? { expiresOn: value('expiresOn') } : {}),
    ...(rights.length ? { rights } : {}),
    ...(value('secretAnswer') || value('secretQuestion') ? { secretQuestion: value('secretQuestion'), secretAnswer: value('secretAnswer') } : {}),
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-invite-form': InviteForm;
  }
}
