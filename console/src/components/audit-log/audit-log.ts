import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { exportAudit, listAudit, type AuditEntry, type AuditFilters, type AuditPage } from '../../api/index.js';
import { auditActionLabel, auditActions, auditSubjectLabel, auditSubjectTypes } from '../../i18n/audit-labels.js';
import { language } from '../../i18n/localization.js';
import { sharedStyles } from '../../styles/shared.js';
import { errorId, fieldError, formError, invalid } from '../field-error/field-error.js';
import '../audit-webhooks/audit-webhooks.js';

const filterFields = ['action', 'subjectType', 'actor', 'from', 'to'] as const;

/**
 * The organization's audit trail (R32): who, when, what, on which object, before and after, newest
 * first, a page at a time; filtered by action, kind of object, author and period (days in Zurich),
 * and exported as CSV with the same filters. A refused filter shows under its field.
 */
@customElement('procura-audit-log')
@localized()
export class AuditLog extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form.filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: flex-end;
      }
      form.filters input[type='text'] {
        width: 14rem;
      }
      pre {
        white-space: pre-wrap;
        word-break: break-word;
        font-size: 0.85rem;
        margin: 0.25rem 0;
        background: #f5f7fa;
        padding: 0.4rem;
      }
      .pages {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        margin-top: 0.75rem;
        flex-wrap: wrap;
      }
      .code {
        font-size: 0.85rem;
      }
      @media (max-width: 40rem) {
        form.filters > div,
        form.filters input[type='text'] {
          width: 100%;
        }
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
  @state() private filters: AuditFilters = {};
  @state() private page = 1;
  @state() private exportError: unknown;
  @state() private exporting = false;

  private readonly entries = new Task(this, {
    task: ([orgId, filters, page], { signal }) => listAudit(orgId, filters, page, signal),
    args: () => [this.orgId, this.filters, this.page] as const,
  });

  override render() {
    // A refused filter (the list's 422) or a refused export, under the field it names.
    const e = (this.entries.status === TaskStatus.ERROR ? this.entries.error : undefined) ?? this.exportError;
    return html`
      <h1>${msg("Journal d'audit", { id: 'nav.audit' })}</h1>
      <p class="hint">${msg('Chaque changement : qui, quand, quoi, avant et après. Le journal survit aux comptes supprimés.', { id: 'audit.intro' })}</p>
      <section aria-labelledby="filters-title">
        <h2 id="filters-title">${msg('Filtres', { id: 'audit.filters' })}</h2>
        <form class="filters" @submit=${this.applyFilters} novalidate>
          <div>
            <label for="action">${msg('Action', { id: 'audit.action' })}</label>
            <select id="action" name="action" aria-invalid=${invalid(e, 'action')}>
              <option value="">${msg('Toutes', { id: 'audit.all' })}</option>
              ${auditActions.map((a) => html`<option value=${a}>${auditActionLabel(a)}</option>`)}
            </select>
          </div>
          <div>
            <label for="subjectType">${msg('Objet', { id: 'audit.subject' })}</label>
            <select id="subjectType" name="subjectType" aria-invalid=${invalid(e, 'subjectType')}>
              <option value="">${msg('Tous', { id: 'audit.all.subjects' })}</option>
              ${auditSubjectTypes.map((t) => html`<option value=${t}>${auditSubjectLabel(t)}</option>`)}
            </select>
          </div>
          ${this.input('actor', 'text', msg('Auteur', { id: 'audit.actor' }), e)} ${this.input('from', 'date', msg('Du', { id: 'audit.from' }), e)}
          ${this.input('to', 'date', msg('Au', { id: 'audit.to' }), e)}
          <button type="submit">${msg('Filtrer', { id: 'audit.apply' })}</button>
          <button type="button" class="secondary" ?disabled=${this.exporting} aria-describedby="export-hint" @click=${this.export}>
            ${msg('Exporter en CSV', { id: 'audit.export' })}
          </button>
        </form>
        <p class="hint" id="export-hint">${msg('Le fichier CSV (séparateur point-virgule) reprend les filtres choisis.', { id: 'audit.export.hint' })}</p>
        ${formError(this.exportError, filterFields)}
      </section>
      <section aria-labelledby="entries-title">
        <h2 id="entries-title">${msg('Entrées', { id: 'audit.entries' })}</h2>
        ${this.entries.render({
          pending: () =>
            this.entries.value ? this.renderPage(this.entries.value) : html`<p role="status">${msg('Chargement du journal…', { id: 'audit.loading' })}</p>`,
          complete: (page) => this.renderPage(page),
          error: (error) =>
            html`${formError(error, filterFields)}<button class="secondary" @click=${() => void this.entries.run()}>
                ${msg('Réessayer', { id: 'retry' })}
              </button>`,
        })}
      </section>
      <procura-audit-webhooks org-id=${this.orgId}></procura-audit-webhooks>
    `;
  }

  private input(name: 'actor' | 'from' | 'to', type: string, label: string, error: unknown) {
    return html`<div>
      <label for=${name}>${label}</label>
      <input type=${type} id=${name} name=${name} aria-invalid=${invalid(error, name)} aria-describedby=${errorId(error, name) || nothing} />
      ${fieldError(error, name, `${name}-error`)}
    </div>`;
  }

  private renderPage(page: AuditPage) {
    if (page.items.length === 0) return html`<p>${msg('Aucune entrée ne correspond à ces filtres.', { id: 'audit.empty' })}</p>`;
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    return html`<p role="status" class="muted">${msg(str`${page.total} entrée(s)`, { id: 'audit.total' })}</p>
      <table>
        <caption class="visually-hidden">
          ${msg("Journal d'audit", { id: 'nav.audit' })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${msg('Quand', { id: 'audit.at' })}</th>
            <th scope="col">${msg('Auteur', { id: 'audit.actor' })}</th>
            <th scope="col">${msg('Action', { id: 'audit.action' })}</th>
            <th scope="col">${msg('Avant et après', { id: 'audit.changes' })}</th>
          </tr>
        </thead>
        <tbody>
          ${page.items.map((entry) => this.renderEntry(entry))}
        </tbody>
      </table>
      <div class="pages">
        <button class="secondary" ?disabled=${page.page <= 1} @click=${() => (this.page = page.page - 1)}>
          ${msg('Précédente', { id: 'members.previous' })}
        </button>
        <span>${msg(str`Page ${page.page} sur ${pages}`, { id: 'members.page' })}</span>
        <button class="secondary" ?disabled=${page.page >= pages} @click=${() => (this.page = page.page + 1)}>
          ${msg('Suivante', { id: 'members.next' })}
        </button>
      </div>`;
  }

  private renderEntry(entry: AuditEntry) {
    const at = new Date(entry.at).toLocaleString(language() === 'en' ? 'en-GB' : 'fr-CH', {
      timeZone: 'Europe/Zurich',
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    return html`<tr>
      <td>${at}</td>
      <td>${entry.actor}</td>
      <td>${auditActionLabel(entry.action)}<br /><span class="muted code">${auditSubjectLabel(entry.subjectType)}</span></td>
      <td>
        <details>
          <summary>${msg('Voir', { id: 'audit.show' })}</summary>
          <p class="muted">${msg('Avant', { id: 'audit.before' })}</p>
          <pre>${json(entry.before)}</pre>
          <p class="muted">${msg('Après', { id: 'audit.after' })}</p>
          <pre>${json(entry.after)}</pre>
        </details>
      </td>
    </tr>`;
  }

  private applyFilters(event: SubmitEvent): void {
    event.preventDefault();
    this.exportError = undefined;
    this.filters = filtersOf(new FormData(event.target as HTMLFormElement));
    this.page = 1;
  }

  /** Downloads the CSV of the filters in the form (applied or not yet), through the API module. */
  private async export(): Promise<void> {
    const form = this.renderRoot.querySelector<HTMLFormElement>('form.filters');
    if (!form) return;
    this.exporting = true;
    this.exportError = undefined;
    try {
      const file = await exportAudit(this.orgId, filtersOf(new FormData(form)));
      const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(file), download: 'audit.csv' });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      this.exportError = error;
    } finally {
      this.exporting = false;
    }
  }
}

/** The filter form as the API's query: empty fields left out. */
function filtersOf(form: FormData): AuditFilters {
  const value = (name: string) => ((form.get(name) as string | null) ?? '').trim();
  return {
    ...(value('action') ? { action: [value('action')] } : {}),
    ...(value('subjectType') ? { subjectType: value('subjectType') } : {}),
    ...(value('actor') ? { actor: value('actor') } : {}),
    ...(value('from') ? { from: value('from') } : {}),
    ...(value('to') ? { to: value('to') } : {}),
  };
}

function json(value: unknown): string {
  return value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-audit-log': AuditLog;
  }
}
