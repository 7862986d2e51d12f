import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import {
  changeRole,
  deactivateMember,
  getMember,
  getUnits,
  listMembers,
  managerRoles,
  reactivateMember,
  removeMember,
  roles,
  setExpiry,
  type Member,
  type Role,
  type Unit,
} from '../../api/index.js';
import { dateLabel, personName, roleLabel, statusLabel } from '../../i18n/labels.js';
import { offeredRoles, portalOffers } from '../../portal/portal.js';
import { routeHref } from '../../router/routes.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import '../confirm-dialog/confirm-dialog.js';
import './member-rights.js';
import './member-details-form.js';

type Action = 'role' | 'status' | 'expiry';

/**
 * One member: role, rights per service and unit, status, expiry. Changing the role, deactivating,
 * reactivating and deleting are confirmed or explicit; each refusal of the API (the last-manager
 * rule R14 above all) is shown next to the control that caused it, with the API's own message.
 */
@customElement('procura-member-detail')
@localized()
export class MemberDetail extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
      }
    `,
  ];

  @property() orgId = '';
  @property() membershipId = '';
  @property() myPersonId = '';
  @state() private member: Member | undefined;
  @state() private errors: Partial<Record<Action, unknown>> = {};
  @state() private busy = false;
  @state() private done = '';
  /** Active managers of the organization, for the R14 warning while there is only one. */
  @state() private managers = 0;
  @query('procura-confirm-dialog') private confirm!: ConfirmDialog;

  private readonly loaded = new Task(this, {
    task: async ([orgId, membershipId], { signal }) => {
      const [member, tree, managers] = await Promise.all([
        getMember(orgId, membershipId, signal),
        getUnits(orgId, signal),
        listMembers(orgId, { role: managerRoles, status: ['active'], pageSize: 1 }, signal),
      ]);
      this.member = member;
      this.managers = managers.total;
      this.errors = {};
      return tree.units;
    },
    args: () => [this.orgId, this.membershipId] as const,
  });

  override render() {
    const back = html`<p>
      <a href=${routeHref({ screen: 'members', orgId: this.orgId, query: new URLSearchParams() })}
        >${msg('← Retour aux utilisateurs', { id: 'member.back' })}</a
      >
    </p>`;
    return html`${back}${this.loaded.render({
        pending: () => html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`,
        complete: (units) => (this.member ? this.renderMember(this.member, units, this.managers) : nothing),
        error: (error) =>
          html`<h1>${msg('Utilisateur', { id: 'member.title' })}</h1>
            <p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>`,
      })}<procura-confirm-dialog></procura-confirm-dialog>`;
  }

  private renderMember(member: Member, units: readonly Unit[], managers: number) {
    const isLastManager = managers <= 1 && managerRoles.includes(member.role) && member.status === 'active';
    return html`
      <h1>${personName(member)}</h1>
      <dl>
        <dt>${msg('E-mail', { id: 'members.col.email' })}</dt>
        <dd>${member.email}</dd>
        <dt>${msg('Rôle', { id: 'members.role' })}</dt>
        <dd>${roleLabel(member.role)}</dd>
        <dt>${msg('Statut', { id: 'members.status' })}</dt>
        <dd>${statusLabel(member.status)}</dd>
        ${
          portalOffers('expiryDates')
            ? html`<dt>${msg('Échéance du compte', { id: 'member.expiry' })}</dt>
                <dd>${member.expiresOn ? dateLabel(member.expiresOn) : msg('Aucune', { id: 'member.expiry.none' })}</dd>`
            : nothing
        }
      </dl>
      ${
        isLastManager
          ? html`<p class="warning">
              ${msg("Seul gestionnaire de l'organisation : tant qu'aucun successeur n'est nommé, il ne peut être ni rétrogradé, ni désactivé, ni supprimé.", { id: 'member.last_manager' })}
              <a href=${routeHref({ screen: 'managers', orgId: this.orgId })}>${msg('Gestionnaires et passation', { id: 'member.last_manager.link' })}</a>
            </p>`
          : nothing
      }
      <p role="status" aria-live="polite" class="muted">${this.done}</p>
      ${portalOffers('managersEditDetails') ? html`<procura-member-details .orgId=${this.orgId} .membershipId=${this.membershipId} @details-changed=${this.reloadMember}></procura-member-details>` : nothing}
      ${this.renderRole(member)}
      <section aria-labelledby="rights-title">
        <h2 id="rights-title">${msg('Droits par service', { id: 'member.rights' })}</h2>
        <procura-member-rights .orgId=${this.orgId} .member=${member} .units=${units} @member-updated=${this.updated_}></procura-member-rights>
      </section>
      ${portalOffers('expiryDates') ? this.renderExpiry(member) : nothing} ${this.renderStatus(member)}
    `;
  }

  private renderRole(member: Member) {
    const error = this.errors.role;
    return html`<section aria-labelledby="role-title">
      <h2 id="role-title">${msg('Rôle', { id: 'members.role' })}</h2>
      <form class="row" @submit=${this.submitRole}>
        <div>
          <label for="role">${msg("Rôle dans l'organisation", { id: 'member.role.label' })}</label>
          <select id="role" name="role" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'role-error' : nothing}>
            ${offeredRoles(roles, member.role).map((r) => html`<option value=${r} ?selected=${r === member.role}>${roleLabel(r)}</option>`)}
          </select>
        </div>
        <button type="submit" ?disabled=${this.busy}>${msg('Changer le rôle', { id: 'member.role.change' })}</button>
      </form>
      ${this.errorText(error, 'role-error')}
    </section>`;
  }

  private renderExpiry(member: Member) {
    const error = this.errors.expiry;
    return html`<section aria-labelledby="expiry-title">
      <h2 id="expiry-title">${msg('Échéance du compte', { id: 'member.expiry' })}</h2>
      <form class="row" @submit=${this.submitExpiry}>
        <div>
          <label for="expiresOn">${msg("Date d'échéance", { id: 'member.expiry.label' })}</label>
          <input
            id="expiresOn"
            name="expiresOn"
            type="date"
            .value=${member.expiresOn ?? ''}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'expiry-error expiry-hint' : 'expiry-hint'}
          />
          <p class="hint" id="expiry-hint">
            ${msg('Le mois précédent, les gestionnaires reçoivent un rappel. Laissez vide pour aucune échéance.', { id: 'member.expiry.hint' })}
          </p>
        </div>
        <button type="submit" ?disabled=${this.busy}>${msg("Enregistrer l'échéance", { id: 'member.expiry.save' })}</button>
      </form>
      ${this.errorText(error, 'expiry-error')}
    </section>`;
  }

  private renderStatus(member: Member) {
    const error = this.errors.status;
    const described = error ? 'status-error' : nothing;
    return html`<section aria-labelledby="status-title">
      <h2 id="status-title">${msg('Accès', { id: 'member.access' })}</h2>
      <p class="hint">
        ${msg("Désactivez temporairement l'accès d'une personne absente longtemps ; supprimez-le à son départ. Le journal d'audit est conservé.", { id: 'member.access.hint' })}
      </p>
      <div class="actions">
        ${
          member.status === 'deactivated'
            ? html`<button class="secondary" ?disabled=${this.busy} aria-describedby=${described} @click=${() => this.changeStatus('reactivate')}>
                ${msg('Réactiver', { id: 'member.reactivate' })}
              </button>`
            : html`<button class="secondary" ?disabled=${this.busy} aria-describedby=${described} @click=${() => this.changeStatus('deactivate')}>
                ${msg('Désactiver temporairement', { id: 'member.deactivate' })}
              </button>`
        }
        <button class="danger" ?disabled=${this.busy} aria-describedby=${described} @click=${() => this.changeStatus('remove')}>
          ${msg("Supprimer l'accès", { id: 'member.remove' })}
        </button>
      </div>
      ${this.errorText(error, 'status-error')}
    </section>`;
  }

  private errorText(error: unknown, id: string) {
    return error ? html`<p class="error" id=${id} role="alert">${error instanceof Error ? error.message : String(error)}</p>` : nothing;
  }

  private async submitRole(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const role = new FormData(event.target as HTMLFormElement).get('role') as Role;
    await this.act('role', () => changeRole(this.orgId, this.membershipId, role), msg('Rôle modifié.', { id: 'member.role.done' }));
  }

  private async submitExpiry(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const value = (new FormData(event.target as HTMLFormElement).get('expiresOn') as string) || null;
    await this.act('expiry', () => setExpiry(this.orgId, this.membershipId, value), msg('Échéance enregistrée.', { id: 'member.expiry.done' }));
  }

  private async changeStatus(action: 'deactivate' | 'reactivate' | 'remove'): Promise<void> {
    const member = this.member;
    if (!member) return;
    const name = personName(member);
    const asks = {
      deactivate: {
        title: msg('Désactiver cet accès ?', { id: 'member.deactivate.title' }),
        text: msg(str`${name} ne pourra plus agir pour l'organisation jusqu'à sa réactivation. Ses droits sont conservés.`, { id: 'member.deactivate.text' }),
        confirmLabel: msg('Désactiver', { id: 'member.deactivate.confirm' }),
      },
      reactivate: {
        title: msg('Réactiver cet accès ?', { id: 'member.reactivate.title' }),
        text: msg(str`${name} pourra de nouveau agir pour l'organisation, avec ses droits.`, { id: 'member.reactivate.text' }),
        confirmLabel: msg('Réactiver', { id: 'member.reactivate' }),
      },
      remove: {
        title: msg('Supprimer cet accès ?', { id: 'member.remove.title' }),
        text: msg(
          str`${name} perd son accès et tous ses droits pour l'organisation. Sans autre organisation, son compte est désactivé et ses données personnelles sont effacées après la durée de conservation. Le journal d'audit est conservé.`,
          { id: 'member.remove.text' },
        ),
        confirmLabel: msg('Supprimer', { id: 'member.remove.confirm' }),
        danger: true,
      },
    }[action];
    if (!(await this.confirm.ask(asks))) return;
    if (action === 'remove') {
      const removed = await this.act('status', async () => (await removeMember(this.orgId, this.membershipId), undefined), '');
      if (removed) location.hash = routeHref({ screen: 'members', orgId: this.orgId, query: new URLSearchParams() });
      return;
    }
    const call = action === 'deactivate' ? deactivateMember : reactivateMember;
    await this.act(
      'status',
      () => call(this.orgId, this.membershipId),
      action === 'deactivate' ? msg('Accès désactivé.', { id: 'member.deactivate.done' }) : msg('Accès réactivé.', { id: 'member.reactivate.done' }),
    );
  }

  /** Runs one change; the refusal goes next to its control, the answer replaces the member. */
  private async act(action: Action, change: () => Promise<Member | undefined>, done: string): Promise<boolean> {
    this.busy = true;
    this.done = '';
    this.errors = { ...this.errors, [action]: undefined };
    try {
      const member = await change();
      if (member) this.member = member;
      this.done = done;
      await this.countManagers();
      return true;
    } catch (error) {
      this.errors = { ...this.errors, [action]: error };
      return false;
    } finally {
      this.busy = false;
    }
  }

  private async countManagers(): Promise<void> {
    const managers = await listMembers(this.orgId, { role: managerRoles, status: ['active'], pageSize: 1 }).catch(() => undefined);
    if (managers) this.managers = managers.total;
  }

  /** Names and e-mail may have changed: the heading follows. */
  private async reloadMember(): Promise<void> {
    this.member = await getMember(this.orgId, this.membershipId).catch(() => this.member);
  }

  private updated_(event: CustomEvent<Member>): void {
    this.member = event.detail;
    this.done = msg('Droits enregistrés.', { id: 'member.rights.done' });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-member-detail': MemberDetail;
  }
}
