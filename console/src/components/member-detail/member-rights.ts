import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg, str } from '@lit/localize';
import { listServices, setRights, type Member, type Right, type Unit } from '../../api/index.js';
import { rightLabel, serviceLabel } from '../../i18n/labels.js';
import { sharedStyles } from '../../styles/shared.js';
import { fieldError, formError, invalid } from '../field-error/field-error.js';
import { availableServices, serviceRightsStyles, splitBySubscription } from '../service-rights/service-rights.js';

/**
 * A member's rights, per service and per unit (R8, R15): each can be withdrawn, one can be added.
 * Only subscribed services are offered; the catalogue's others are listed after, greyed and
 * disabled, with where to activate them (R15). The API takes the whole set; it refuses a right the
 * manager does not control (R13) or of an unsubscribed service (R15, `right.service_not_subscribed`),
 * and that message shows beside the form.
 *
 * @fires member-updated - `detail`: the member as the API answered after the change.
 */
@customElement('procura-member-rights')
@localized()
export class MemberRights extends LitElement {
  static override styles = [
    sharedStyles,
    serviceRightsStyles,
    css`
      form {
        margin-top: 1rem;
      }
      td button {
        min-height: 2rem;
        padding: 0.2rem 0.6rem;
      }
      .available {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
        gap: 0 0.75rem;
        margin-top: 0.75rem;
      }
      /* A phone's width: each right a block of its own, nothing scrolls sideways. */
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

  @property() orgId = '';
  @property({ attribute: false }) member!: Member;
  @property({ attribute: false }) units: readonly Unit[] = [];
  @state() private error: unknown;
  @state() private busy = false;
  /** The service chosen in the select; empty: the first subscribed one. */
  @state() private serviceId = '';

  private readonly catalogue = new Task(this, {
    task: async ([orgId], { signal }) => (await listServices(orgId, signal)).items,
    args: () => [this.orgId] as const,
  });

  override render() {
    const rights = this.member.rights;
    return html`
      ${
        rights.length === 0
          ? html`<p>${msg('Aucun droit pour le moment.', { id: 'rights.empty' })}</p>`
          : html`<table>
              <caption class="visually-hidden">
                ${msg('Droits de cette personne', { id: 'rights.caption' })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Service', { id: 'rights.service' })}</th>
                  <th scope="col">${msg('Droit', { id: 'rights.right' })}</th>
                  <th scope="col">${msg('Portée', { id: 'rights.scope' })}</th>
                  <th scope="col"><span class="visually-hidden">${msg('Actions', { id: 'rights.actions' })}</span></th>
                </tr>
              </thead>
              <tbody>
                ${rights.map((right) => this.renderRight(right))}
              </tbody>
            </table>`
      }
      ${this.renderAdd()}
    `;
  }

  private renderRight(right: Right) {
    const label = `${serviceLabel(right.serviceId)} — ${rightLabel(right.serviceId, right.rightId)}`;
    return html`<tr>
      <td>${serviceLabel(right.serviceId)}</td>
      <td>${rightLabel(right.serviceId, right.rightId)}</td>
      <td>${this.scopeLabel(right.unitId ?? null)}</td>
      <td>
        <button
          class="secondary"
          ?disabled=${this.busy}
          aria-label=${msg(str`Retirer le droit ${label}`, { id: 'rights.withdraw.label' })}
          @click=${() => this.save(this.member.rights.filter((r) => r !== right))}
        >
          ${msg('Retirer', { id: 'rights.withdraw' })}
        </button>
      </td>
    </tr>`;
  }

  private renderAdd() {
    const { subscribed, available } = splitBySubscription(this.catalogue.value ?? []);
    const service = subscribed.find((s) => s.id === this.serviceId) ?? subscribed[0];
    const e = this.error;
    return html`<form @submit=${this.add} aria-labelledby="add-right-title">
      <h3 id="add-right-title">${msg('Ajouter un droit', { id: 'rights.add.title' })}</h3>
      <div class="row">
        <div>
          <label for="serviceId">${msg('Service', { id: 'rights.service' })}</label>
          <select
            id="serviceId"
            name="serviceId"
            aria-invalid=${invalid(e, 'rights')}
            @change=${(ev: Event) => (this.serviceId = (ev.target as HTMLSelectElement).value)}
          >
            ${subscribed.map((s) => html`<option value=${s.id} ?selected=${s.id === service?.id}>${s.label}</option>`)}
          </select>
        </div>
        <div>
          <label for="rightId">${msg('Droit', { id: 'rights.right' })}</label>
          <select id="rightId" name="rightId">
            ${(service?.rights ?? []).map((r) => html`<option value=${r.id}>${r.label}</option>`)}
          </select>
        </div>
        <div>
          <label for="unitId">${msg('Portée', { id: 'rights.scope' })}</label>
          <select id="unitId" name="unitId">
            <option value="">${msg("Toute l'organisation", { id: 'rights.scope.all' })}</option>
            ${flatten(this.units).map(({ unit, depth }) => html`<option value=${unit.id}>${'\u00a0\u00a0'.repeat(depth)}${unit.name}</option>`)}
          </select>
        </div>
        <button type="submit" ?disabled=${this.busy || !service}>${msg('Ajouter', { id: 'rights.add' })}</button>
      </div>
      ${fieldError(e, 'rights', 'rights-error')}${formError(e, ['rights'])}
      ${available.length ? html`<div class="available">${availableServices(available, this.orgId, 'member')}</div>` : nothing}
    </form>`;
  }

  private scopeLabel(unitId: string | null): string {
    if (!unitId) return msg("Toute l'organisation", { id: 'rights.scope.all' });
    return flatten(this.units).find(({ unit }) => unit.id === unitId)?.unit.name ?? unitId;
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const unitId = (form.get('unitId') as string) || null;
    const right: Right = { serviceId: form.get('serviceId') as string, rightId: form.get('rightId') as string, unitId };
    const same = (r: Right) => r.serviceId === right.serviceId && r.rightId === right.rightId && (r.unitId ?? null) === unitId;
    if (this.member.rights.some(same)) return;
    await this.save([...this.member.rights, right]);
  }

  private async save(rights: readonly Right[]): Promise<void> {
    this.busy = true;
    this.error = undefined;
    try {
      const member = await setRights(
        this.orgId,
        this.member.id,
        rights.map((r) => ({ serviceId: r.serviceId, rightId: r.rightId, unitId: r.unitId ?? null })),
      );
      this.dispatchEvent(new CustomEvent('member-updated', { detail: member, bubbles: true, composed: true }));
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }
}

/** The tree of units as a list, each with its depth, for a select. */
export function flatten(units: readonly Unit[], depth = 0): Array<{ unit: Unit; depth: number }> {
  return units.flatMap((unit) => [{ unit, depth }, ...flatten(unit.units, depth + 1)]);
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-member-rights': MemberRights;
  }
}
