import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import {
  ApiError,
  getMe,
  getUnits,
  inviteMember,
  listMandates,
  listServices,
  managerRoles,
  roles,
  type InvitationCreated,
  type Mandate,
  type MyOrganization,
  type NewInvitation,
  type Right,
  type Role,
  type Warning,
} from '../../api/index.js';
import { language } from '../../i18n/localization.js';
import { roleLabel, services } from '../../i18n/labels.js';
import { offeredRoles, portalOffers } from '../../portal/portal.js';
import { sharedStyles } from '../../styles/shared.js';
import { errorId, fieldError, formError, invalid } from '../field-error/field-error.js';
import { flatten } from '../member-detail/member-rights.js';
import { availableServices, serviceRightsStyles, splitBySubscription, type ServiceRights } from '../service-rights/service-rights.js';
import { secretQuestionFields } from '../member-detail/secret-question.js';

const fields = ['email', 'givenName', 'familyName', 'role', 'expiresOn', 'rights', 'secretQuestion', 'secretAnswer'] as const;

/**
 * Invites a person (R16): e-mail, names, role, expiry (R19) and the rights they will hold, chosen at
 * once, on the whole organization or one unit (R8; R13, R15: the API refuses a right the manager
 * does not control or of an unsubscribed service, beside the rights). A role address such as contact@ is accepted with R5's warning,
 * shown under the e-mail field; the Geneva secret answer is optional (R16).
 *
 * Issue 16 item 9 (fer-ge « le choix des entreprises, ainsi que les droits »): the other
 * organizations the manager manages (GET /me) are offered too, each with its role and the rights
 * of the services IT subscribes to; one invitation, one e-mail, one link (decision 0050). Issue 16
 * item 7: in a fiduciary, its validated mandates are offered, each with the delegate rights the
 * mandate covers and the client subscribes to (R25, R15); the person handles them from acceptance.
 *
 * @fires invitation-created - `detail`: the API's answer (the invitation and its warnings).
 */
@customElement('procura-invite-form')
@localized()
export class InviteForm extends LitElement {
  static override styles = [
    sharedStyles,
    serviceRightsStyles,
    css`
      h2 {
        margin-top: 0;
      }
      fieldset {
        border: 1px solid #d9e2ec;
        border-radius: 0.375rem;
        margin: 0 0 0.75rem;
        padding: 0.5rem 0.75rem;
      }
      legend {
        font-weight: 600;
        padding: 0 0.25rem;
      }
      .rights {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
        gap: 0 0.75rem;
      }
      input[type='email'] {
        width: 22rem;
      }
      .also-item {
        border-top: 1px solid #d9e2ec;
        padding: 0.5rem 0;
      }
      .also-item:first-of-type {
        border-top: none;
      }
      .also-item > label.check {
        font-weight: 600;
      }
      @media (max-width: 40rem) {
        input[type='email'] {
          width: 100%;
        }
      }
    `,
  ];

  @property() orgId = '';
  @state() private error: unknown;
  @state() private warnings: readonly Warning[] = [];
  @state() private sent = '';
  @state() private busy = false;
  /** Issue 16 item 9: the other organizations chosen, each with its catalogue once loaded. */
  @state() private alsoIn: ReadonlyMap<string, { subscribed: ServiceRights[]; available: ServiceRights[] } | undefined> = new Map();
  /** Issue 16 item 7: the mandates chosen. */
  /** False for a member of a portal where members invite too (issue 17): no manager's role offered (R13). */
  @property({ type: Boolean }) manages = true;
  @state() private chosenMandates: ReadonlySet<string> = new Set();
  /** The order the chosen organizations and mandates were last sent in: the API's refusals name them by index (`/organizations/1/role`). */
  private sentItems: { organizations: string[]; mandates: string[] } = { organizations: [], mandates: [] };

  /** Issue 16 item 9: the other organizations the caller manages. */
  private readonly others = new Task(this, {
    task: async ([orgId], { signal }) => (await getMe(signal)).organizations.filter((o) => o.id !== orgId && managerRoles.includes(o.role)),
    args: () => [this.orgId] as const,
  });

  /** Issue 16 item 7: the fiduciary's validated mandates (none for an organization that is no fiduciary). */
  private readonly mandates = new Task(this, {
    task: async ([orgId], { signal }) => (await listMandates(orgId, signal)).items.filter((m) => m.side === 'fiduciary' && m.status === 'active'),
    args: () => [this.orgId] as const,
  });

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

  /** The roles the portal offers; a member who invites grants no manager's role (R13). */
  private roleChoices(): Role[] {
    return offeredRoles(roles).filter((role) => this.manages || !managerRoles.includes(role));
  }

  override render() {
    const e = this.error;
    const emailWarning = this.warnings.filter((w) => w.field === '/email');
    const describedEmail = [errorId(e, 'email'), emailWarning.length ? 'email-warning' : ''].filter(Boolean).join(' ');
    return html`<form @submit=${this.submit} novalidate aria-labelledby="invite-title">
      <h2 id="invite-title">${msg('Inviter une personne', { id: 'invite.title' })}</h2>
      <p class="hint">
        ${msg('La personne reçoit un lien par e-mail pour activer son compte et choisir son mot de passe. Préférez une adresse nominative.', { id: 'invite.hint' })}
      </p>
      <div class="field">
        <label for="email">${msg('E-mail', { id: 'members.col.email' })}</label>
        <input type="email" id="email" name="email" autocomplete="off" aria-invalid=${invalid(e, 'email')} aria-describedby=${describedEmail || nothing} />
        ${fieldError(e, 'email', 'email-error')}
        ${emailWarning.length ? html`<div id="email-warning" class="warning" role="status">${emailWarning.map((w) => html`<p>${w.messages[language()]}</p>`)}</div>` : nothing}
      </div>
      <div class="row field">
        ${this.text('givenName', msg('Prénom', { id: 'invite.givenName' }))} ${this.text('familyName', msg('Nom de famille', { id: 'invite.familyName' }))}
      </div>
      <div class="row field">
        <div>
          <label for="role">${msg('Rôle', { id: 'members.role' })}</label>
          <select id="role" name="role" aria-invalid=${invalid(e, 'role')} aria-describedby=${errorId(e, 'role') || nothing}>
            ${this.roleChoices().map((r) => html`<option value=${r} ?selected=${r === 'member'}>${roleLabel(r)}</option>`)}
          </select>
          ${fieldError(e, 'role', 'role-error')}
        </div>
        ${
          portalOffers('expiryDates')
            ? html`<div>
                <label for="expiresOn">${msg("Date d'échéance", { id: 'member.expiry.label' })}</label>
                <input
                  type="date"
                  id="expiresOn"
                  name="expiresOn"
                  aria-invalid=${invalid(e, 'expiresOn')}
                  aria-describedby=${errorId(e, 'expiresOn') || nothing}
                />
                ${fieldError(e, 'expiresOn', 'expiresOn-error')}
              </div>`
            : nothing
        }
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
        ${this.renderRights()} ${fieldError(e, 'rights', 'rights-error')}
      </fieldset>
      ${this.renderOthers()} ${this.renderMandates()}
      ${
        portalOffers('secretQuestion')
          ? html`<fieldset>
              <legend>${msg('Question secrète (facultative)', { id: 'invite.secret' })}</legend>
              ${secretQuestionFields(e, null, msg("Genève : l'activation affichera la question et demandera la réponse ; communiquez-la vous-même à la personne.", { id: 'invite.secretAnswer.hint' }))}
            </fieldset>`
          : nothing
      }
      ${this.itemRefused() ? nothing : formError(e, fields)}
      <button type="submit" ?disabled=${this.busy}>${msg("Envoyer l'invitation", { id: 'invite.submit' })}</button>
      <p role="status" aria-live="polite" class="muted">${this.sent}</p>
    </form>`;
  }

  private renderRights() {
    const { subscribed, available } = splitBySubscription(this.catalogue.value ?? []);
    return html`<div class="rights">
      ${subscribed.map(
        (s) =>
          html`<fieldset class="service">
            <legend>${s.label}</legend>
            ${s.rights.map((r) => html`<label class="check"><input type="checkbox" name="rights" value=${`${s.id}:${r.id}`} />${r.label}</label>`)}
          </fieldset>`,
      )}${availableServices(available, this.orgId, 'invite')}
    </div>`;
  }

  private renderOthers() {
    const others = this.others.value ?? [];
    if (others.length === 0) return nothing;
    return html`<fieldset aria-describedby="also-hint">
      <legend>${msg('Aussi dans mes autres organisations', { id: 'invite.also' })}</legend>
      <p class="hint" id="also-hint">
        ${msg('Une seule invitation et un seul e-mail : la personne rejoint en une fois chaque organisation cochée, avec le rôle et les droits choisis pour elle.', { id: 'invite.also.hint' })}
      </p>
      ${others.map((o) => this.renderOther(o))}
    </fieldset>`;
  }

  private renderOther(o: MyOrganization) {
    const chosen = this.alsoIn.has(o.id);
    const catalogue = this.alsoIn.get(o.id);
    const error = errorUnder(this.error, 'organizations', this.sentItems.organizations.indexOf(o.id));
    const errorElementId = `also-${o.id}-error`;
    return html`<div class="also-item">
      <label class="check"
        ><input
          type="checkbox"
          name="also"
          value=${o.id}
          .checked=${live(chosen)}
          aria-describedby=${error ? errorElementId : nothing}
          @change=${(event: Event) => this.toggleOrganization(o.id, (event.target as HTMLInputElement).checked)}
        />${o.legalName}</label
      >
      ${
        chosen
          ? html`<div class="field">
                <label for=${`role-${o.id}`}>${msg(str`Rôle dans ${o.legalName}`, { id: 'invite.also.role' })}</label>
                <select id=${`role-${o.id}`} name=${`role-${o.id}`}>
                  ${offeredRoles(roles).map((r) => html`<option value=${r} ?selected=${r === 'member'}>${roleLabel(r)}</option>`)}
                </select>
              </div>
              ${
                catalogue === undefined
                  ? html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`
                  : html`<div class="rights">
                      ${this.rightBoxes(catalogue.subscribed, `rights-${o.id}`)}${availableServices(catalogue.available, o.id, `also-${o.id}`)}
                    </div>`
              }`
          : nothing
      }
      ${error ? html`<p class="error" id=${errorElementId} role="alert">${error}</p>` : nothing}
    </div>`;
  }

  private renderMandates() {
    const mandates = this.mandates.value ?? [];
    if (mandates.length === 0) return nothing;
    return html`<fieldset aria-describedby="mandates-hint">
      <legend>${msg('Mandats de la fiduciaire', { id: 'invite.mandates' })}</legend>
      <p class="hint" id="mandates-hint">
        ${msg("La personne devient mandataire des mandats cochés dès qu'elle accepte l'invitation, avec les droits choisis sur chaque client : seulement les services que le mandat couvre et auxquels le client est abonné.", { id: 'invite.mandates.hint' })}
      </p>
      ${mandates.map((m) => this.renderMandate(m))}
    </fieldset>`;
  }

  private renderMandate(m: Mandate) {
    const chosen = this.chosenMandates.has(m.id);
    const subscribed = new Set(m.clientServices);
    const offered = services().filter((s) => subscribed.has(s.id) && (m.services === null || m.services.includes(s.id)));
    const error = errorUnder(this.error, 'mandates', this.sentItems.mandates.indexOf(m.id));
    const errorElementId = `mandate-${m.id}-error`;
    return html`<div class="also-item">
      <label class="check"
        ><input
          type="checkbox"
          name="mandate"
          value=${m.id}
          .checked=${live(chosen)}
          aria-describedby=${error ? errorElementId : nothing}
          @change=${(event: Event) => this.toggleMandate(m.id, (event.target as HTMLInputElement).checked)}
        />${msg(str`Pour le compte de ${m.client.legalName}`, { id: 'invite.mandate.client' })}</label
      >
      ${
        chosen
          ? offered.length > 0
            ? html`<div class="rights">${this.rightBoxes(offered, `mandate-rights-${m.id}`)}</div>`
            : html`<p class="hint">
                ${msg("Le client n'est abonné à aucun service que le mandat couvre : aucun droit à accorder pour le moment.", { id: 'invite.mandate.no_service' })}
              </p>`
          : nothing
      }
      ${error ? html`<p class="error" id=${errorElementId} role="alert">${error}</p>` : nothing}
    </div>`;
  }

  /** The refusal is shown under one of the organizations or mandates chosen. */
  private itemRefused(): boolean {
    const { organizations, mandates } = this.sentItems;
    return (
      organizations.some((_, i) => errorUnder(this.error, 'organizations', i) !== undefined) ||
      mandates.some((_, i) => errorUnder(this.error, 'mandates', i) !== undefined)
    );
  }

  private rightBoxes(offered: ReadonlyArray<Pick<ServiceRights, 'id' | 'label' | 'rights'>>, name: string) {
    return offered.map(
      (s) =>
        html`<fieldset class="service">
          <legend>${s.label}</legend>
          ${s.rights.map((r) => html`<label class="check"><input type="checkbox" name=${name} value=${`${s.id}:${r.id}`} />${r.label}</label>`)}
        </fieldset>`,
    );
  }

  private toggleOrganization(id: string, on: boolean): void {
    const next = new Map(this.alsoIn);
    if (!on) next.delete(id);
    else {
      next.set(id, undefined);
      void listServices(id).then(
        ({ items }) => {
          if (this.alsoIn.has(id)) this.alsoIn = new Map(this.alsoIn).set(id, splitBySubscription(items));
        },
        (error: unknown) => {
          this.error = error;
        },
      );
    }
    this.alsoIn = next;
  }

  private toggleMandate(id: string, on: boolean): void {
    const next = new Set(this.chosenMandates);
    if (on) next.add(id);
    else next.delete(id);
    this.chosenMandates = next;
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
    const form = new FormData(formElement);
    const organizations = (this.others.value ?? []).filter((o) => this.alsoIn.has(o.id)).map((o) => o.id);
    const mandates = (this.mandates.value ?? []).filter((m) => this.chosenMandates.has(m.id)).map((m) => m.id);
    this.sentItems = { organizations, mandates };
    const invitation: NewInvitation = {
      ...invitationOf(form),
      ...(organizations.length
        ? {
            organizations: organizations.map((id) => ({
              organizationId: id,
              role: String(form.get(`role-${id}`) ?? 'member') as Role,
              rights: pairs(form, `rights-${id}`).map((r) => ({ ...r, unitId: null })),
            })),
          }
        : {}),
      ...(mandates.length ? { mandates: mandates.map((id) => ({ mandateId: id, rights: pairs(form, `mandate-rights-${id}`) })) } : {}),
    };
    this.busy = true;
    this.error = undefined;
    this.warnings = [];
    this.sent = '';
    try {
      const created = await inviteMember(this.orgId, invitation);
      this.warnings = created.warnings;
      this.sent = msg(str`Invitation envoyée à ${created.invitation.email}.`, { id: 'invite.sent' });
      formElement.reset();
      this.alsoIn = new Map();
      this.chosenMandates = new Set();
      this.dispatchEvent(new CustomEvent<InvitationCreated>('invitation-created', { detail: created, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

/** The checked `service:right` boxes named `name`. */
function pairs(form: FormData, name: string): Array<{ serviceId: string; rightId: string }> {
  return form.getAll(name).map((pair) => {
    const [serviceId = '', rightId = ''] = String(pair).split(':');
    return { serviceId, rightId };
  });
}

/**
 * The API's refusal of the `index`th item of the list `list` (`organizations/1/rights`), or of
 * what the item names, as the form shows it under that item; undefined for any other refusal.
 */
function errorUnder(error: unknown, list: 'organizations' | 'mandates', index: number): string | undefined {
  if (index < 0 || !(error instanceof ApiError)) return undefined;
  const prefix = `${list}/${index}`;
  const problem = error.problems.find((p) => p.field === prefix || p.field.startsWith(`${prefix}/`));
  if (problem) return problem.messages[language()];
  return error.field === prefix || error.field?.startsWith(`${prefix}/`) ? error.message : undefined;
}

/** The form as the API's body: empty optional fields left out, every right on the chosen scope. */
function invitationOf(form: FormData): NewInvitation {
  const value = (name: string) => ((form.get(name) as string | null) ?? '').trim();
  const unitId = value('unitId') || null;
  const rights: Right[] = pairs(form, 'rights').map((right) => ({ ...right, unitId }));
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
