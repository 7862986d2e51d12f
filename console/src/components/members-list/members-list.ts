import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, initialState } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import {
  changeMembers,
  listMembers,
  memberStatuses,
  type MemberBatchAction,
  roles,
  type Member,
  type MemberPage,
  type MemberQuery,
  type MemberSort,
  type MemberSortKey,
  type MemberStatus,
  type Role,
} from '../../api/index.js';
import { dateLabel, roleLabel, statusLabel, personName } from '../../i18n/labels.js';
import { offeredRoles } from '../../portal/portal.js';
import { routeHref } from '../../router/routes.js';
import { sharedStyles } from '../../styles/shared.js';
import { criteriaFrom, queryOf, type Criteria } from './criteria.js';
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import '../confirm-dialog/confirm-dialog.js';

const pageSize = 50;

/**
 * The organization's members: search, filters by role and status, sort, pages. The API does the
 * work (one SQL statement, 20–60 ms at 10,000 members), so the page only ever holds 50 rows;
 * typing is debounced and a newer request aborts the older one. The criteria live in the hash, so
 * coming back from a member finds the list as it was.
 */
@customElement('procura-members-list')
@localized()
export class MembersList extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .filters {
        margin-bottom: 1rem;
        align-items: flex-start;
      }
      .filters input[type='search'] {
        width: 18rem;
      }
      th button {
        background: none;
        border: 0;
        color: var(--procura-primary, #0d5c75);
        padding: 0;
        min-height: 0;
        font-weight: 600;
        text-decoration: underline;
      }
      .pager {
        display: flex;
        gap: 1rem;
        align-items: center;
        justify-content: space-between;
        margin-top: 1rem;
        flex-wrap: wrap;
      }
      .busy {
        opacity: 0.6;
      }
      .email-inline {
        display: none;
      }
      .col-select {
        width: 2.5rem;
      }
      .col-select input {
        width: 1.25rem;
        height: 1.25rem;
        margin: 0;
      }
      .selection {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
        margin: 0 0 1rem;
        padding: 0.75rem;
        border: 1px solid #c9d3dc;
        border-radius: 4px;
        background: #f4f7f9;
      }
      .selection p {
        margin: 0 auto 0 0;
        font-weight: 600;
      }
      @media (max-width: 40rem) {
        .filters input[type='search'] {
          width: 100%;
        }
        .col-email,
        .col-created {
          display: none;
        }
        .email-inline {
          display: block;
          font-size: 0.85rem;
          word-break: break-all;
        }
      }
    `,
  ];

  /** The organization's id (also as the `org-id` attribute, for a page that embeds the list). */
  @property({ attribute: 'org-id' }) orgId = '';
  @property({ attribute: 'organization-name' }) organizationName = '';
  /** The criteria as the hash carries them. */
  @property({ attribute: false }) query = new URLSearchParams();
  @state() private criteria: Criteria = criteriaFrom(new URLSearchParams());
  private debounce: ReturnType<typeof setTimeout> | undefined;
  /** Several people at once (deactivate, delete, make manager): the members chosen on this page. */
  @state() private selected = new Map<string, Member>();
  @state() private batchBusy = false;
  @state() private batchDone = '';
  @state() private batchError: unknown;
  @query('procura-confirm-dialog') private confirm!: ConfirmDialog;

  private readonly members = new Task(this, {
    task: ([orgId, criteria], { signal }) => (orgId ? listMembers(orgId, { ...queryOf(criteria), pageSize } satisfies MemberQuery, signal) : initialState),
    args: () => [this.orgId, this.criteria] as const,
  });

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) this.criteria = criteriaFrom(this.query);
    if (changed.has('orgId')) this.selected = new Map();
  }

  override render() {
    return html`
      <h1>${msg('Utilisateurs', { id: 'members.title' })}</h1>
      ${this.renderFilters()}
      ${this.members.render({
        initial: () => this.loading(),
        pending: () => (this.members.value ? this.renderPage(this.members.value, true) : this.loading()),
        complete: (page) => this.renderPage(page, false),
        error: (error) =>
          html`<div role="alert">
            <p class="error">${error instanceof Error ? error.message : String(error)}</p>
            <button @click=${() => void this.members.run()}>${msg('Réessayer', { id: 'retry' })}</button>
          </div>`,
      })}
      <procura-confirm-dialog></procura-confirm-dialog>
    `;
  }

  private loading() {
    return html`<p role="status">${msg('Chargement des utilisateurs…', { id: 'members.loading' })}</p>`;
  }

  private renderFilters() {
    const c = this.criteria;
    return html`<form class="filters row" role="search" @submit=${(e: Event) => e.preventDefault()}>
      <div>
        <label for="q">${msg('Rechercher', { id: 'members.search' })}</label>
        <input id="q" type="search" .value=${c.q} aria-describedby="q-hint" @input=${this.searched} />
        <p class="hint" id="q-hint">${msg('Nom, prénom ou e-mail', { id: 'members.search.hint' })}</p>
      </div>
      <div>
        <label for="role">${msg('Rôle', { id: 'members.role' })}</label>
        <select id="role" @change=${(e: Event) => this.refine({ role: (e.target as HTMLSelectElement).value as Role | '' })}>
          <option value="" ?selected=${!c.role}>${msg('Tous les rôles', { id: 'members.role.all' })}</option>
          ${offeredRoles(roles).map((r) => html`<option value=${r} ?selected=${c.role === r}>${roleLabel(r)}</option>`)}
        </select>
      </div>
      <div>
        <label for="status">${msg('Statut', { id: 'members.status' })}</label>
        <select id="status" @change=${(e: Event) => this.refine({ status: (e.target as HTMLSelectElement).value as MemberStatus | '' })}>
          <option value="" ?selected=${!c.status}>${msg('Tous les statuts', { id: 'members.status.all' })}</option>
          ${memberStatuses.map((s) => html`<option value=${s} ?selected=${c.status === s}>${statusLabel(s)}</option>`)}
        </select>
      </div>
    </form>`;
  }

  private renderPage(page: MemberPage, busy: boolean) {
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    return html`
      <p role="status" aria-live="polite">
        ${busy ? msg('Mise à jour…', { id: 'members.updating' }) : msg(str`${page.total} utilisateur(s)`, { id: 'members.count' })}
      </p>
      ${this.renderSelection()}
      ${
        page.items.length === 0
          ? html`<p>${msg('Aucun utilisateur ne correspond à ces critères.', { id: 'members.empty' })}</p>`
          : html`<table class=${busy ? 'busy' : ''} aria-busy=${busy ? 'true' : 'false'}>
              <caption class="visually-hidden">
                ${msg(str`Utilisateurs de ${this.organizationName}, page ${page.page} sur ${pages}`, { id: 'members.caption' })}
              </caption>
              <thead>
                <tr>
                  <th class="col-select" scope="col">${this.selectAll(page.items)}</th>
                  ${this.header('name', msg('Nom', { id: 'members.col.name' }))}
                  ${this.header('email', msg('E-mail', { id: 'members.col.email' }), 'col-email')} ${this.header('role', msg('Rôle', { id: 'members.role' }))}
                  ${this.header('status', msg('Statut', { id: 'members.status' }))}
                  ${this.header('createdAt', msg('Depuis le', { id: 'members.col.created' }), 'col-created')}
                </tr>
              </thead>
              <tbody>
                ${repeat(
                  page.items,
                  (m) => m.id,
                  (m) => this.renderRow(m),
                )}
              </tbody>
            </table>`
      }
      ${pages > 1 ? this.renderPager(page.page, pages) : nothing}
    `;
  }

  private renderRow(member: Member) {
    const href = routeHref({ screen: 'member', orgId: this.orgId, membershipId: member.id });
    const name = personName(member);
    return html`<tr>
      <td class="col-select">
        <input
          type="checkbox"
          .checked=${this.selected.has(member.id)}
          aria-label=${msg(str`Sélectionner ${name}`, { id: 'members.select' })}
          @change=${(e: Event) => this.choose([member], (e.target as HTMLInputElement).checked)}
        />
      </td>
      <td><a href=${href}>${personName(member, 'family-first')}</a><span class="email-inline">${member.email}</span></td>
      <td class="col-email">${member.email}</td>
      <td>${roleLabel(member.role)}</td>
      <td>${statusLabel(member.status)}</td>
      <td class="col-created">${dateLabel(member.createdAt, 'short')}</td>
    </tr>`;
  }

  private selectAll(items: readonly Member[]) {
    const chosen = items.filter((m) => this.selected.has(m.id)).length;
    return html`<input
      type="checkbox"
      .checked=${chosen > 0 && chosen === items.length}
      .indeterminate=${chosen > 0 && chosen < items.length}
      aria-label=${msg('Sélectionner tous les utilisateurs de cette page', { id: 'members.select.all' })}
      @change=${(e: Event) => this.choose(items, (e.target as HTMLInputElement).checked)}
    />`;
  }

  private choose(members: readonly Member[], chosen: boolean): void {
    const next = new Map(this.selected);
    for (const member of members) {
      if (chosen) next.set(member.id, member);
      else next.delete(member.id);
    }
    this.selected = next;
    this.batchDone = '';
    this.batchError = undefined;
  }

  /** What is chosen, and the three actions on it; the result, or the refusal that changed nobody. */
  private renderSelection() {
    const count = this.selected.size;
    const outcome = html`${this.batchDone ? html`<p role="status" class="done">${this.batchDone}</p>` : nothing}
    ${this.batchError ? html`<p role="alert" class="error">${this.batchError instanceof Error ? this.batchError.message : String(this.batchError)}</p>` : nothing}`;
    if (count === 0) return outcome;
    return html`<section class="selection" aria-label=${msg('Utilisateurs sélectionnés', { id: 'members.selection' })}>
        <p>${msg(str`${count} sélectionné(s)`, { id: 'members.selection.count' })}</p>
        <button type="button" class="secondary" ?disabled=${this.batchBusy} @click=${() => void this.applyToSelection('make_manager')}>
          ${msg('Nommer gestionnaires', { id: 'members.batch.make_manager' })}
        </button>
        <button type="button" class="secondary" ?disabled=${this.batchBusy} @click=${() => void this.applyToSelection('deactivate')}>
          ${msg('Désactiver', { id: 'members.batch.deactivate' })}
        </button>
        <button type="button" class="danger" ?disabled=${this.batchBusy} @click=${() => void this.applyToSelection('remove')}>
          ${msg('Supprimer', { id: 'members.batch.remove' })}
        </button>
        <button type="button" class="secondary" ?disabled=${this.batchBusy} @click=${() => this.choose([...this.selected.values()], false)}>
          ${msg('Tout désélectionner', { id: 'members.selection.clear' })}
        </button>
      </section>
      ${outcome}`;
  }

  private async applyToSelection(action: MemberBatchAction): Promise<void> {
    const chosen = [...this.selected.values()];
    const names = chosen.map((member) => personName(member)).join(', ');
    const count = chosen.length;
    const asks = {
      make_manager: {
        title: msg('Nommer ces personnes gestionnaires ?', { id: 'members.batch.make_manager.title' }),
        text: msg(str`${names} pourront gérer les accès de l'organisation.`, { id: 'members.batch.make_manager.text' }),
        confirmLabel: msg('Nommer gestionnaires', { id: 'members.batch.make_manager' }),
      },
      deactivate: {
        title: msg('Désactiver ces accès ?', { id: 'members.batch.deactivate.title' }),
        text: msg(str`${names} ne pourront plus agir pour l'organisation jusqu'à leur réactivation. Leurs droits sont conservés.`, {
          id: 'members.batch.deactivate.text',
        }),
        confirmLabel: msg('Désactiver', { id: 'members.batch.deactivate' }),
      },
      remove: {
        title: msg('Supprimer ces accès ?', { id: 'members.batch.remove.title' }),
        text: msg(
          str`${names} perdent leur accès et tous leurs droits pour l'organisation. Pour qui n'a pas d'autre organisation, le compte est désactivé et les données personnelles sont effacées après la durée de conservation. Le journal d'audit est conservé.`,
          { id: 'members.batch.remove.text' },
        ),
        confirmLabel: msg('Supprimer', { id: 'members.batch.remove' }),
        danger: true,
      },
    }[action];
    if (!(await this.confirm.ask(asks))) return;
    this.batchBusy = true;
    this.batchDone = '';
    this.batchError = undefined;
    try {
      await changeMembers(
        this.orgId,
        action,
        chosen.map((member) => member.id),
      );
      this.batchDone = {
        make_manager: msg(str`${count} personne(s) nommée(s) gestionnaire(s).`, { id: 'members.batch.make_manager.done' }),
        deactivate: msg(str`${count} accès désactivé(s).`, { id: 'members.batch.deactivate.done' }),
        remove: msg(str`${count} accès supprimé(s).`, { id: 'members.batch.remove.done' }),
      }[action];
      this.selected = new Map();
      void this.members.run();
    } catch (error) {
      this.batchError = error;
    } finally {
      this.batchBusy = false;
    }
  }

  private header(key: MemberSortKey, label: string, className = '') {
    const sort = this.criteria.sort;
    const direction = sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : 'none';
    const next: MemberSort = sort === key ? `-${key}` : key;
    return html`<th class=${className} scope="col" aria-sort=${direction}>
      <button type="button" @click=${() => this.refine({ sort: next })}>${label}</button>
    </th>`;
  }

  private renderPager(current: number, pages: number) {
    return html`<nav class="pager" aria-label=${msg('Pages', { id: 'members.pages' })}>
      <button class="secondary" ?disabled=${current <= 1} @click=${() => this.refine({ page: current - 1 })}>
        ${msg('Précédent', { id: 'members.previous' })}
      </button>
      <span>${msg(str`Page ${current} sur ${pages}`, { id: 'members.page' })}</span>
      <button class="secondary" ?disabled=${current >= pages} @click=${() => this.refine({ page: current + 1 })}>
        ${msg('Suivant', { id: 'members.next' })}
      </button>
    </nav>`;
  }

  private searched(event: Event): void {
    const q = (event.target as HTMLInputElement).value;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.refine({ q }), 250);
  }

  /** New criteria: back to page 1 unless the page itself changes; the hash follows (no new history entry). */
  private refine(change: Partial<Criteria>): void {
    this.criteria = { ...this.criteria, page: 1, ...change };
    const query = new URLSearchParams(
      Object.entries(queryOf(this.criteria)).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, String(x)]) : v === undefined ? [] : [[k, String(v)]])),
    );
    history.replaceState(null, '', routeHref({ screen: 'members', orgId: this.orgId, query }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-members-list': MembersList;
  }
}
