import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { addBranch, getUnits, listMembers, listServices, unitKinds, type IdentifierKind, type NewBranch, type Unit, type UnitKind } from '../../api/index.js';
import { language } from '../../i18n/localization.js';
import { identifierKindLabel, unitKindLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import { fieldError, formError, invalid } from '../field-error/field-error.js';
import { flatten } from '../member-detail/member-rights.js';
import { branchExtras, renderHeadOfficePeople, renderRepresentative } from './branch-fields.js';

const identifierKinds: readonly IdentifierKind[] = ['affiliate', 'uid', 'siret', 'siren'];

/**
 * The head office and its branches, antennas and establishments, nested (R8); managers add one
 * under the head office or any unit (R9), and each refusal shows beside its field. A branch is
 * added as fer-ge's « Ajouter une succursale » does: its affiliate number checked in the registry,
 * its representative invited, the head office's people ticked given access, in one step.
 */
@customElement('procura-units-tree')
@localized()
export class UnitsTree extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      ul.tree,
      ul.tree ul {
        list-style: none;
        padding-left: 1.25rem;
        border-left: 2px solid #d9e2ec;
        margin: 0.25rem 0;
      }
      ul.tree {
        border-left: 0;
        padding-left: 0;
      }
      li {
        padding: 0.2rem 0;
      }
      .kind {
        color: #52606d;
        font-size: 0.9rem;
      }
      fieldset {
        border: 1px solid #d9e2ec;
        border-radius: 4px;
        margin: 0.75rem 0;
        padding: 0.5rem 0.75rem;
        min-width: 0;
      }
      .check {
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
        padding: 0.15rem 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The organization's id (also as the `org-id` attribute, for a page that embeds it: src/embed.ts). */
  @property({ attribute: 'org-id' }) orgId = '';
  @property({ attribute: 'organization-name' }) organizationName = '';
  @property({ type: Boolean }) manages = false;
  @state() private error: unknown;
  @state() private added = '';
  @state() private busy = false;

  private readonly units = new Task(this, {
    task: async ([orgId], { signal }) => (await getUnits(orgId, signal)).units,
    args: () => [this.orgId] as const,
  });

  /** The head office's people offered for a new branch (R9), and the rights they may be given. */
  private readonly offered = new Task(this, {
    task: async ([orgId, manages], { signal }) => {
      if (!manages) return { members: [], services: [] };
      const [members, services] = await Promise.all([listMembers(orgId, { status: ['active'], pageSize: 100 }, signal), listServices(orgId, signal)]);
      return { members: members.items.filter((m) => m.status === 'active'), services: services.items };
    },
    args: () => [this.orgId, this.manages] as const,
  });

  override render() {
    return html`
      <h1>${msg('Succursales et antennes', { id: 'nav.units' })}</h1>
      ${this.units.render({
        pending: () => (this.units.value ? this.renderTree(this.units.value) : html`<p role="status">${msg('Chargement…', { id: 'loading' })}</p>`),
        complete: (units) => this.renderTree(units),
        error: (error) => html`<p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>`,
      })}
      ${this.manages ? this.renderForm(this.units.value ?? []) : nothing}
    `;
  }

  private renderTree(units: readonly Unit[]) {
    return html`<section aria-labelledby="tree-title">
      <h2 id="tree-title">${msg('Organisation', { id: 'nav.organization' })}</h2>
      <ul class="tree">
        <li>
          <strong>${this.organizationName}</strong> <span class="kind">— ${msg('Maison mère', { id: 'unit.head_office' })}</span>
          ${units.length === 0 ? html`<p class="muted">${msg('Aucune succursale ni antenne pour le moment.', { id: 'units.empty' })}</p>` : this.renderBranches(units)}
        </li>
      </ul>
    </section>`;
  }

  private renderBranches(units: readonly Unit[]): unknown {
    return html`<ul>
      ${units.map((u) => html`<li>${u.name} <span class="kind">— ${unitKindLabel(u.kind)}${u.identifier ? ` · ${u.identifier}` : ''}</span>${u.units.length ? this.renderBranches(u.units) : nothing}</li>`)}
    </ul>`;
  }

  private renderForm(units: readonly Unit[]) {
    const e = this.error;
    return html`<section aria-labelledby="add-title">
      <h2 id="add-title">${msg('Ajouter une succursale ou une antenne', { id: 'units.add.title' })}</h2>
      <p class="hint">
        ${msg("Assurez-vous que la succursale est annoncée au service des affiliations : son numéro d'affilié est vérifié dans le registre officiel.", { id: 'units.add.hint' })}
      </p>
      <form @submit=${this.add} novalidate>
        <div class="field">
          <label for="kind">${msg('Type', { id: 'units.kind' })}</label>
          <select id="kind" name="kind" aria-invalid=${invalid(e, 'kind')} aria-describedby="kind-error">
            ${unitKinds.map((k) => html`<option value=${k}>${unitKindLabel(k)}</option>`)}
          </select>
          ${fieldError(e, 'kind', 'kind-error')}
        </div>
        <div class="field">
          <label for="name">${msg('Nom', { id: 'members.col.name' })}</label>
          <input type="text" id="name" name="name" required aria-invalid=${invalid(e, 'name')} aria-describedby="name-error" />
          ${fieldError(e, 'name', 'name-error')}
        </div>
        <div class="field">
          <label for="parentUnitId">${msg('Rattachée à', { id: 'units.parent' })}</label>
          <select id="parentUnitId" name="parentUnitId" aria-invalid=${invalid(e, 'parentUnitId')} aria-describedby="parentUnitId-error">
            <option value="">${msg(str`${this.organizationName} (maison mère)`, { id: 'units.parent.head' })}</option>
            ${flatten(units).map(({ unit, depth }) => html`<option value=${unit.id}>${'\u00a0\u00a0'.repeat(depth + 1)}${unit.name}</option>`)}
          </select>
          ${fieldError(e, 'parentUnitId', 'parentUnitId-error')}
        </div>
        <div class="row field">
          <div>
            <label for="identifierKind">${msg("Type d'identifiant", { id: 'units.identifierKind' })}</label>
            <select id="identifierKind" name="identifierKind" aria-invalid=${invalid(e, 'identifierKind')}>
              <option value="">${msg('Aucun (celui de la maison mère)', { id: 'units.identifier.none' })}</option>
              ${identifierKinds.map((k) => html`<option value=${k}>${identifierKindLabel(k)}</option>`)}
            </select>
          </div>
          <div>
            <label for="identifier">${msg('Identifiant propre', { id: 'units.identifier' })}</label>
            <input type="text" id="identifier" name="identifier" aria-invalid=${invalid(e, 'identifier')} aria-describedby="identifier-error identifier-hint" />
            ${fieldError(e, 'identifier', 'identifier-error')}
          </div>
        </div>
        <p class="hint" id="identifier-hint">
          ${msg("Une succursale peut avoir son propre numéro d'affilié ou SIRET ; une antenne partage celui de la maison mère.", { id: 'units.identifier.hint' })}
        </p>
        ${fieldError(e, 'identifierKind', 'identifierKind-error')} ${renderRepresentative(e)}
        ${renderHeadOfficePeople(this.offered.value?.members ?? [], this.offered.value?.services ?? [], e, language())}
        ${formError(e, ['kind', 'name', 'parentUnitId', 'identifier', 'identifierKind', 'representative/givenName', 'representative/familyName', 'representative/function', 'representative/email', 'headOfficePeople'])}
        <button type="submit" ?disabled=${this.busy}>${msg('Ajouter', { id: 'rights.add' })}</button>
        <p role="status" aria-live="polite" class="muted">${this.added}</p>
      </form>
    </section>`;
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const value = (name: string) => ((form.get(name) as string | null) ?? '').trim();
    const unit: NewBranch = {
      kind: value('kind') as UnitKind,
      name: value('name'),
      parentUnitId: value('parentUnitId') || null,
      ...(value('identifierKind') ? { identifierKind: value('identifierKind') as IdentifierKind } : {}),
      ...(value('identifier') ? { identifier: value('identifier') } : {}),
      ...branchExtras(form),
    };
    this.busy = true;
    this.error = undefined;
    this.added = '';
    try {
      const added = await addBranch(this.orgId, unit);
      this.added = added.invitation
        ? msg(str`${unit.name} ajoutée ; invitation envoyée à ${added.invitation.email}.`, { id: 'units.added.invited' })
        : msg(str`${unit.name} ajoutée.`, { id: 'units.added' });
      formElement.reset();
      void this.units.run();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-units-tree': UnitsTree;
  }
}
