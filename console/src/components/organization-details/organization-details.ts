import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { localized, msg } from '@lit/localize';
import { getOrganization, updateOrganization, type Organization } from '../../api/index.js';
import { identifierKindLabel, organizationTypeLabel } from '../../i18n/labels.js';
import { immutableField } from '../../portal/portal.js';
import { sharedStyles } from '../../styles/shared.js';
import { fieldError, formError, invalid } from '../field-error/field-error.js';
import './who-manages.js';

const addressFields = ['street', 'postalCode', 'city', 'country'] as const;

/**
 * The organization's details (R7): managers edit the legal name and the address; the identifier,
 * its kind, the type (the operator's, issue 14 item 5) and the category are shown read-only with the
 * reason. Others only read.
 */
@customElement('procura-organization-details')
@localized()
export class OrganizationDetails extends LitElement {
  static override styles = sharedStyles;

  @property() orgId = '';
  @property({ type: Boolean }) manages = false;
  @state() private error: unknown;
  @state() private saved = '';
  @state() private busy = false;

  private readonly organization = new Task(this, {
    task: ([orgId], { signal }) => getOrganization(orgId, signal),
    args: () => [this.orgId] as const,
  });

  override render() {
    return this.organization.render({
      pending: () =>
        html`<h1>${msg('Organisation', { id: 'nav.organization' })}</h1>
          <p role="status">${msg('Chargement…', { id: 'loading' })}</p>`,
      complete: (organization) => this.renderOrganization(organization),
      error: (error) =>
        html`<h1>${msg('Organisation', { id: 'nav.organization' })}</h1>
          <p class="error" role="alert">${error instanceof Error ? error.message : String(error)}</p>`,
    });
  }

  private renderOrganization(o: Organization) {
    return html` <h1>${o.legalName}</h1>
      <section aria-labelledby="fixed-title">
        <h2 id="fixed-title">${msg('Identification', { id: 'organization.identification' })}</h2>
        <dl>
          <dt>${identifierKindLabel(o.identifierKind)}</dt>
          <dd>${o.identifier}</dd>
          <dt>${msg("Type d'organisation", { id: 'organization.type' })}</dt>
          <dd>${organizationTypeLabel(o.type)}</dd>
          <dt>${msg('Catégorie', { id: 'organization.category' })}</dt>
          <dd>${o.category ?? msg('Non renseignée', { id: 'organization.category.none' })}</dd>
        </dl>
        <p class="hint">
          ${msg("L'identifiant, son type et la catégorie ne peuvent pas être modifiés ici : ils viennent du registre officiel et identifient l'organisation dans tous les services. En cas d'erreur, contactez nos équipes.", { id: 'organization.immutable' })}
        </p>
      </section>
      <section aria-labelledby="details-title">
        <h2 id="details-title">${msg('Coordonnées', { id: 'organization.details' })}</h2>
        ${this.manages ? this.renderForm(o) : this.renderReadOnly(o)}
      </section>
      <procura-who-manages .orgId=${o.id}></procura-who-manages>`;
  }

  private renderReadOnly(o: Organization) {
    return html`<dl>
        <dt>${msg('Raison sociale', { id: 'organization.legalName' })}</dt>
        <dd>${o.legalName}</dd>
        ${addressFields.map((f) =>
          o.address[f]
            ? html`<dt>${this.addressLabel(f)}</dt>
                <dd>${o.address[f]}</dd>`
            : nothing,
        )}
      </dl>
      <p class="hint">${msg('Seuls les gestionnaires modifient ces informations.', { id: 'organization.readonly' })}</p>`;
  }

  private renderForm(o: Organization) {
    const e = this.error;
    const text = (name: string, label: string, value: string) =>
      html`<div class="field">
        <label for=${name}>${label}</label>
        <input type="text" id=${name} name=${name} .value=${value} aria-invalid=${invalid(e, name)} aria-describedby=${`${name}-error`} />
        ${fieldError(e, name, `${name}-error`)}
      </div>`;
    // Issue 17 (R7): what the portal makes immutable shows, read-only, above the form.
    const fixedName = immutableField('legalName');
    const fixedAddress = immutableField('address');
    const fixed = html`<dl>
        ${
          fixedName
            ? html`<dt>${msg('Raison sociale', { id: 'organization.legalName' })}</dt>
                <dd>${o.legalName}</dd>`
            : nothing
        }
        ${
          fixedAddress
            ? addressFields.map((f) =>
                o.address[f]
                  ? html`<dt>${this.addressLabel(f)}</dt>
                      <dd>${o.address[f]}</dd>`
                  : nothing,
              )
            : nothing
        }
      </dl>
      <p class="hint">
        ${msg('Ces informations ne peuvent pas être modifiées ici ; en cas d’erreur, contactez nos équipes.', { id: 'organization.immutable.portal' })}
      </p>`;
    return html`${fixedName || fixedAddress ? fixed : nothing}
      <form @submit=${this.save} novalidate>
        ${fixedName ? nothing : text('legalName', msg('Raison sociale', { id: 'organization.legalName' }), o.legalName)}
        ${fixedAddress ? nothing : addressFields.map((f) => text(f, this.addressLabel(f), o.address[f] ?? ''))} ${formError(e, ['legalName', ...addressFields])}
        <button type="submit" ?disabled=${this.busy}>${msg('Enregistrer', { id: 'organization.save' })}</button>
        <p role="status" aria-live="polite" class="muted">${this.saved}</p>
      </form>`;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => ((form.get(name) as string | null) ?? '').trim();
    // Keys of the address the form does not show are kept as they are.
    const address: Record<string, string> = { ...this.organization.value?.address };
    for (const f of addressFields) {
      if (value(f)) address[f] = value(f);
      else delete address[f];
    }
    this.busy = true;
    this.error = undefined;
    this.saved = '';
    try {
      await updateOrganization(this.orgId, {
        ...(immutableField('legalName') ? {} : { legalName: value('legalName') }),
        ...(immutableField('address') ? {} : { address }),
      });
      this.saved = msg('Modifications enregistrées.', { id: 'organization.saved' });
      void this.organization.run();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
    }
  }

  private addressLabel(field: (typeof addressFields)[number]): string {
    switch (field) {
      case 'street':
        return msg('Rue et numéro', { id: 'address.street' });
      case 'postalCode':
        return msg('NPA / code postal', { id: 'address.postalCode' });
      case 'city':
        return msg('Localité', { id: 'address.city' });
      case 'country':
        return msg('Pays', { id: 'address.country' });
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'procura-organization-details': OrganizationDetails;
  }
}
