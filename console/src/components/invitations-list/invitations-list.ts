import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { listInvitations, resendInvitation, revokeInvitation, type Invitation } from '../../api/index.js';
import { dateLabel, personName, roleLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import '../confirm-dialog/confirm-dialog.js';
import '../invite-form/invite-form.js';

/**
 * The invitations screen (R16, R17): the invite form, then the pending invitations, oldest first,
 * those whose link expired marked. Re-sending (a new link, the old one stops working) and revoking
 * (the pending account goes) are each confirmed; a refusal shows in the invitation's own row.
 */
@customElement('procura-invitations-list')
@localized()
export class InvitationsList extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      td button {
        min-height: 2rem;
        padding: 0.2rem 0.6rem;
      }
      .expired {
        color: #b42318;
        font-weight: 600;
      }
      @media (max-width: 40rem) {
        thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0 0 0 0);
        }
        tr {
          display: block;
          border-bottom: 1px solid #d9e2ec;
          padding: 0.5rem 0;
        }
        td {
          display: block;
          border: 0;
          padding: 0.15rem 0;
        }
      }
    `,
  ];

  /** The organization's id (also as the `org-id` attribute, for a page that embeds it: src/embed.ts). */
  @property({ attribute: 'org-id' }) orgId = '';
  /** False for a member of a portal where members invite too (issue 17): the form, not the pending list. */
  @property({ type: Boolean }) manages = true;
  @state() private errors: Readonly<Record<string, unknown>> = {};
  @state() private done = '';
  @state() private busy = false;
  @query('procura-confirm-dialog') private confirm!: ConfirmDialog;

  private readonly invitations = new Task(this, {
    task: async ([orgId, manages], { signal }) => (manages ? (await listInvitations(orgId, signal)).items : []),
    args: () => [this.orgId, this.manages] as const,
  });

  override render() {
    return html`
      <h1>${msg('Invitations', { id: 'nav.invitations' })}</h1>
      <section>
        <procura-invite-form .orgId=${this.orgId} .manages=${this.manages} @invitation-created=${() => void this.invitations.run()}></procura-invite-form>
      </section>
      ${this.manages ? this.renderPending() : nothing}
      <procura-confirm-dialog></procura-confirm-dialog>
    `;
  }

  private renderPending() {
    return html`<section aria-labelledby="pending-title">
      <h2 id="pending-title">${msg('Invitations en attente', { id: 'invitations.pending' })}</h2>
      <p role="status" aria-live="polite" class="muted">${this.done}</p>
      ${this.invitations.render({
        pending: () =>
          this.invitations.value
            ? this.renderTable(this.invitations.value)
            : html`<p role="status">${msg('Chargement des invitations…', { id: 'invitations.loading' })}</p>`,
        complete: (items) => this.renderTable(items),
        error: (error) =>
          html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>
            <button class="secondary" @click=${() => void this.invitations.run()}>${msg('Réessayer', { id: 'retry' })}</button>`,
      })}
    </section>`;
  }

  private renderTable(items: readonly Invitation[]) {
    if (items.length === 0) return html`<p>${msg('Aucune invitation en attente.', { id: 'invitations.empty' })}</p>`;
    return html`<table>
      <caption class="visually-hidden">
        ${msg('Invitations en attente', { id: 'invitations.pending' })}
      </caption>
      <thead>
        <tr>
          <th scope="col">${msg('Personne', { id: 'invitations.person' })}</th>
          <th scope="col">${msg('Rôle', { id: 'members.role' })}</th>
          <th scope="col">${msg('Invitée par', { id: 'invitations.invitedBy' })}</th>
          <th scope="col">${msg('Lien', { id: 'invitations.link' })}</th>
          <th scope="col"><span class="visually-hidden">${msg('Actions', { id: 'rights.actions' })}</span></th>
        </tr>
      </thead>
      <tbody>
        ${items.map((i) => this.renderRow(i))}
      </tbody>
    </table>`;
  }

  private renderRow(invitation: Invitation) {
    const name = personName(invitation);
    const error = this.errors[invitation.id];
    const errorId = `error-${invitation.id}`;
    const described = error ? errorId : nothing;
    return html`<tr>
      <td><strong>${name}</strong>${name === invitation.email ? nothing : html`<br /><span class="muted">${invitation.email}</span>`}</td>
      <td>
        ${roleLabel(invitation.role)}${
          invitation.alsoFor?.length
            ? html`<br /><span class="muted"
                  >${msg(str`Même invitation pour ${invitation.alsoFor.join(', ')} : la renvoyer vaut pour toutes ; la retirer la retire aussi de celles que vous gérez.`, { id: 'invitations.also_for' })}</span
                >`
            : nothing
        }
      </td>
      <td>${invitation.invitedBy}</td>
      <td>
        ${
          invitation.linkExpired
            ? html`<span class="expired">${msg('Lien expiré : à renvoyer', { id: 'invitations.expired' })}</span>`
            : msg(str`Valable jusqu'au ${dateLabel(invitation.expiresAt.slice(0, 10))}`, { id: 'invitations.validUntil' })
        }
      </td>
      <td>
        <div class="actions">
          <button
            class="secondary"
            ?disabled=${this.busy}
            aria-describedby=${described}
            aria-label=${msg(str`Renvoyer l'invitation de ${name}`, { id: 'invitations.resend.label' })}
            @click=${() => this.resend(invitation, name)}
          >
            ${msg('Renvoyer', { id: 'invitations.resend' })}
          </button>
          <button
            class="danger"
            ?disabled=${this.busy}
            aria-describedby=${described}
            aria-label=${msg(str`Retirer l'invitation de ${name}`, { id: 'invitations.revoke.label' })}
            @click=${() => this.revoke(invitation, name)}
          >
            ${msg('Retirer', { id: 'invitations.revoke.action' })}
          </button>
        </div>
        ${error ? html`<p class="error" id=${errorId} role="alert">${error instanceof Error ? error.message : String(error)}</p>` : nothing}
      </td>
    </tr>`;
  }

  private async resend(invitation: Invitation, name: string): Promise<void> {
    const confirmed = await this.confirm.ask({
      title: msg("Renvoyer l'invitation ?", { id: 'invitations.resend.title' }),
      text: msg(str`${name} reçoit un nouveau lien par e-mail ; le lien précédent ne fonctionnera plus.`, { id: 'invitations.resend.text' }),
      confirmLabel: msg('Renvoyer', { id: 'invitations.resend' }),
    });
    if (confirmed)
      await this.act(
        invitation.id,
        () => resendInvitation(this.orgId, invitation.id),
        msg(str`Nouveau lien envoyé à ${invitation.email}.`, { id: 'invitations.resent' }),
      );
  }

  private async revoke(invitation: Invitation, name: string): Promise<void> {
    const confirmed = await this.confirm.ask({
      title: msg("Retirer l'invitation ?", { id: 'invitations.revoke.title' }),
      text: msg(str`Le lien envoyé à ${name} ne fonctionnera plus et son compte en attente est supprimé. Le journal d'audit le conserve.`, {
        id: 'invitations.revoke.text',
      }),
      confirmLabel: msg('Retirer', { id: 'rights.withdraw' }),
      danger: true,
    });
    if (confirmed)
      await this.act(invitation.id, () => revokeInvitation(this.orgId, invitation.id), msg(str`Invitation de ${name} retirée.`, { id: 'invitations.revoked' }));
  }

  /** One action on one invitation; its refusal goes in that invitation's row, the list is read again. */
  private async act(id: string, action: () => Promise<unknown>, done: string): Promise<void> {
    this.busy = true;
    this.done = '';
    this.errors = { ...this.errors, [id]: undefined };
    try {
      await action();
      this.done = done;
      await this.invitations.run();
    } catch (error) {
      this.errors = { ...this.errors, [id]: error };
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-invitations-list': InvitationsList;
  }
}
