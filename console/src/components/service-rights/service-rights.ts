import { css, html, nothing } from 'lit';
import { msg } from '@lit/localize';
import type { CatalogueEntry } from '../../api/index.js';
import { language } from '../../i18n/localization.js';
import { routeHref } from '../../router/routes.js';

/** A service of the catalogue and its rights, labelled in the current language. */
export interface ServiceRights {
  readonly id: string;
  readonly label: string;
  readonly rights: ReadonlyArray<{ readonly id: string; readonly label: string }>;
}

/**
 * The catalogue as the organization sees it (GET …/services), split for the rights forms (R15): the
 * subscribed services, whose rights may be chosen, and the others, shown but never sent.
 */
export function splitBySubscription(entries: readonly CatalogueEntry[]): { subscribed: ServiceRights[]; available: ServiceRights[] } {
  const lang = language();
  const labelled = (entry: CatalogueEntry): ServiceRights => ({
    id: entry.id,
    label: entry.label[lang],
    rights: entry.rights.map((r) => ({ id: r.id, label: r.label[lang] })),
  });
  return {
    subscribed: entries.filter((e) => e.status === 'subscribed').map(labelled),
    available: entries.filter((e) => e.status !== 'subscribed').map(labelled),
  };
}

/** Styles of `availableServices`, for the component that renders it. */
export const serviceRightsStyles = css`
  fieldset.service {
    border: 0;
    padding: 0;
    margin: 0.25rem 0;
    min-width: 0;
  }
  fieldset.service legend {
    font-weight: 400;
    color: #52606d;
    padding: 0;
  }
  fieldset.service.available {
    color: #52606d;
  }
  fieldset.service.available label {
    color: #52606d;
    cursor: not-allowed;
  }
  fieldset.service .note {
    font-size: 0.9rem;
    margin: 0.1rem 0 0.25rem;
  }
  .check {
    display: flex;
    gap: 0.4rem;
    align-items: center;
    font-weight: 400;
    margin: 0.2rem 0;
  }
  .check input {
    min-height: auto;
    width: 1.1rem;
    height: 1.1rem;
  }
`;

/**
 * The services the organization does not subscribe to, after the subscribed ones: greyed, each
 * right a disabled checkbox without a name (the form never sends it), tied to the note saying
 * where to activate the service. `prefix` keeps the ids unique within the caller's shadow root.
 */
export function availableServices(available: readonly ServiceRights[], orgId: string, prefix: string) {
  if (available.length === 0) return nothing;
  const servicesLink = html`<a href=${routeHref({ screen: 'services', orgId })}>${msg('Services', { id: 'services.title' })}</a>`;
  return available.map((s) => {
    const noteId = `${prefix}-${s.id}-note`;
    return html`<fieldset class="service available" disabled aria-describedby=${noteId}>
      <legend>${s.label}</legend>
      <p class="note" id=${noteId}>
        ${msg('Service non souscrit : activez-le dans Services pour donner ces droits', { id: 'rights.unsubscribed.note' })} (${servicesLink})
      </p>
      ${s.rights.map((r) => html`<label class="check"><input type="checkbox" disabled aria-describedby=${noteId} />${r.label}</label>`)}
    </fieldset>`;
  });
}
