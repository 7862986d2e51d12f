import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { handOver, listMembers, managerRoles, type Member } from '../../api/index.js';
import { roleLabel, statusLabel } from '../../i18n/labels.js';
import { routeHref } from '../../router/routes.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import { fieldError, formError, invalid } from '../field-error/field-error.js';
import '../confirm-dialog/confirm-dialog.js';

const fullName = (m: Member) => `${m.givenName} ${m.familyName}`;

/**
 * R14: the organization's managers, the warning while only one is active, and the hand-over: a
 * leaving manager gives their role to an active member they choose (confirmed); the successor then
 * removes them. The API's refusal (successor inactive, with an expiry date, already holding the role…)
 * shows under the successor field.
 */
@customElement('procura-managers-hand-over')
@localized()
export class ManagersHandOver extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      @media (max-width: 40rem) {
        td.email,
        th.email {
          display: none;
        }
      }
    `,
  ];

  @property({ attribute: 'org-id' }) orgId = '';
  @property({ attribute: 'organization-name' }) organizationName = '';
  @property({ attribute: 'my-person-id' }) myPersonId = '';
  @property({ type: Boolean }) manages = false;
  @state() private search = '';
  @state() private error: unknown;
  @state() private busy = false;
  @state() private done = '';
  @query('procura-confirm-dialog') private confirm!: ConfirmDialog;
  private debounce: ReturnType<typeof setTimeout> | undefined;

  private readonly managers = new Task(this, {
    task: async ([orgId], { signal }) => (await listMembers(orgId, { role: managerRoles, sort: 'name', pageSize: 200 }, signal)).items,
    args: () => [this.orgId] as const,
  });

  /** Active members to choose from, searched on the server (an organization may have thousands). */
  private readonly candidates = new Task(this, {
    task: async ([orgId, q, manages], { signal }) =>
      manages
        ? (await listMembers(orgId, { q: q || undefined, status: ['active'], sort: 'name', pageSize: 50 }, signal)).items.filter(
            (m) => m.personId !== this.myPersonId,
          )
        : [],
    args: () => [this.orgId, this.search, this.manages] as const,
  });

  override render() {
    return html`<h1>${msg('Gestionnaires', { id: 'managers.title' })}</h1>
      ${this.managers.render({
        pending: () => (this.managers.value ? this.renderManagers(this.managers.value) : html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`),
        complete: (managers) => this.renderManagers(managers),
        error: (error) =>
          html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>
            <button @click=${() => void this.managers.run()}>${msg('Réessayer', { id: 'retry' })}</button>`,
      })}<procura-confirm-dialog></procura-confirm-dialog>`;
  }

  private renderManagers(managers: readonly Member[]) {
    const active = managers.filter((m) => m.status === 'active');
    const me = managers.find((m) => m.personId === this.myPersonId && m.status === 'active');
    return html` <p class="hint">
        ${msg("Requérant, requérant adjoint et gestionnaires gèrent les accès de l'organisation. Elle en garde toujours au moins un actif.", { id: 'managers.hint' })}
      </p>
      ${active.length <= 1 ? html`<p class="warning">${msg("L'organisation n'a qu'un gestionnaire actif : nommez-en un second, ou transmettez votre rôle avant de partir.", { id: 'managers.only_one' })}</p>` : nothing}
      <p role="status" aria-live="polite" class="muted">${this.done}</p>
      ${
        managers.length === 0
          ? html`<p>${msg('Aucun gestionnaire.', { id: 'managers.empty' })}</p>`
          : html`<table>
              <caption class="visually-hidden">
                ${msg(str`Gestionnaires de ${this.organizationName}`, { id: 'managers.caption' })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Nom', { id: 'members.col.name' })}</th>
                  <th scope="col" class="email">${msg('E-mail', { id: 'members.col.email' })}</th>
                  <th scope="col">${msg('Rôle', { id: 'members.role' })}</th>
                  <th scope="col">${msg('Statut', { id: 'members.status' })}</th>
                </tr>
              </thead>
              <tbody>
                ${managers.map(
                  (m) =>
                    html`<tr>
                      <td>
                        <a href=${routeHref({ screen: 'member', orgId: this.orgId, membershipId: m.id })}>${fullName(m)}</a
                        >${m.personId === this.myPersonId ? html` <span class="muted">(${msg('vous', { id: 'managers.you' })})</span>` : nothing}
                      </td>
                      <td class="email">${m.email}</td>
                      <td>${roleLabel(m.role)}</td>
                      <td>${statusLabel(m.status)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${this.manages && me ? this.renderHandOver(me) : nothing}`;
  }

  private renderHandOver(me: Member) {
    const e = this.error;
    const described = invalid(e, 'successorId') === 'true' ? 'successorId-error handover-hint' : 'handover-hint';
    return html`<section aria-labelledby="handover-title">
      <h2 id="handover-title">${msg('Transmettre mon rôle', { id: 'handover.title' })}</h2>
      <p class="hint" id="handover-hint">
        ${msg(str`Vous quittez l'organisation ? Choisissez un membre actif, sans date d'échéance : il devient ${roleLabel(me.role)} à votre place, puis retire votre accès. Vous êtes prévenu par e-mail.`, { id: 'handover.hint' })}
      </p>
      <div class="field">
        <label for="successor-search">${msg('Chercher un membre', { id: 'handover.search' })}</label>
        <input type="search" id="successor-search" .value=${this.search} @input=${this.searched} />
      </div>
      <form @submit=${(event: SubmitEvent) => this.submit(event, me)} novalidate>
        <div class="field">
          <label for="successorId">${msg('Successeur', { id: 'handover.successor' })}</label>
          <select id="successorId" name="successorId" aria-invalid=${invalid(e, 'successorId')} aria-describedby=${described}>
            ${this.candidates.render({
              pending: () => html`<option value="">${msg('Chargement…', { id: 'loading' })}</option>`,
              complete: (members) =>
                members.length === 0
                  ? html`<option value="">${msg('Aucun membre actif trouvé', { id: 'handover.none' })}</option>`
                  : members.map((m) => html`<option value=${m.id}>${fullName(m)} — ${m.email} (${roleLabel(m.role)})</option>`),
              error: () => html`<option value="">${msg('Liste indisponible', { id: 'handover.unavailable' })}</option>`,
            })}
          </select>
          ${fieldError(e, 'successorId', 'successorId-error')}
        </div>
        ${formError(e, ['successorId'])}
        <button type="submit" ?disabled=${this.busy}>${msg('Transmettre', { id: 'handover.submit' })}</button>
      </form>
    </section>`;
  }

  private searched(event: InputEvent): void {
    const value = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => (this.search = value), 300);
  }

  private async submit(event: SubmitEvent, me: Member): Promise<void> {
    event.preventDefault();
    const successorId = (new FormData(event.target as HTMLFormElement).get('successorId') as string | null) ?? '';
    const successor = this.candidates.value?.find((m) => m.id === successorId);
    if (!successor) return;
    const name = fullName(successor);
    const role = roleLabel(me.role);
    const confirmed = await this.confirm.ask({
      title: msg(str`Transmettre votre rôle à ${name} ?`, { id: 'handover.confirm.title' }),
      text: msg(str`${name} devient ${role} de ${this.organizationName}. Vous gardez votre accès jusqu'à ce que ${name} le retire.`, {
        id: 'handover.confirm.text',
      }),
      confirmLabel: msg('Transmettre', { id: 'handover.submit' }),
    });
    if (!confirmed) return;
    this.busy = true;
    this.error = undefined;
    this.done = '';
    try {
      await handOver(this.orgId, successorId);
      this.done = msg(str`${name} est désormais ${role} ; il ou elle peut maintenant retirer votre accès.`, { id: 'handover.done' });
      void this.managers.run();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-managers-hand-over': ManagersHandOver;
  }
}
