import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { FiledDocument, Named, PendingRequest } from '../../api/index.js';
import { serviceLabel } from '../../i18n/labels.js';
import { day } from '../operator-queue/labels.js';

const person = (p: Named) =>
  html`${p.givenName} ${p.familyName}${p.function ? html`, ${p.function}` : nothing} — <a href=${`mailto:${p.email}`}>${p.email}</a>`;
const row = (label: string, value: unknown) =>
  html`<dt>${label}</dt>
    <dd>${value}</dd>`;

/** The request's fields as the requester filed them (R10, R24, R30), and when it is due (R31). */
export function requestFields(pending: PendingRequest) {
  const timing = [
    row(msg('Déposée le', { id: 'operator.col.requested' }), day(pending.request.requestedAt)),
    row(
      msg('Échéance', { id: 'operator.col.deadline' }),
      html`${day(pending.request.deadline)}${pending.request.overdue ? html` <strong class="overdue">${msg('En retard', { id: 'operator.overdue' })}</strong>` : nothing}`,
    ),
  ];
  switch (pending.kind) {
    case 'sign-ups': {
      const s = pending.request;
      return html`<dl>
        ${row(msg('Identifiant', { id: 'operator.col.identifier' }), s.identifier)}
        ${row(msg('Raison sociale saisie', { id: 'operator.legal_name' }), s.legalName)}
        ${row(msg('Nom au registre', { id: 'operator.registry_name' }), s.registryName)}
        ${row(msg('Représentant', { id: 'operator.representative' }), person(s.representative))} ${timing}
      </dl>`;
    }
    case 'mandates': {
      const m = pending.request;
      return html`<dl>
        ${row(msg('Fiduciaire', { id: 'operator.fiduciary' }), `${m.fiduciary.legalName} (${m.fiduciary.identifier})`)}
        ${row(msg('Client', { id: 'operator.client' }), `${m.client.legalName} (${m.client.identifier})`)}
        ${row(msg('Représentant du client', { id: 'operator.client_representative' }), m.clientRepresentative ? person(m.clientRepresentative) : msg('— (le client a déjà des accès)', { id: 'operator.client_representative.none' }))}
        ${row(msg('Services couverts', { id: 'operator.services' }), m.services === null ? msg('tous les services du client', { id: 'operator.services.all' }) : m.services.map((id) => serviceLabel(id)).join(', '))}
        ${row(msg("Valable jusqu'au", { id: 'operator.valid_until' }), m.validUntil ? day(m.validUntil) : msg('sans échéance', { id: 'operator.valid_until.none' }))}
        ${timing}
      </dl>`;
    }
    default: {
      const r = pending.request;
      return html`<dl>
        ${row(msg('Organisation', { id: 'nav.organization' }), `${r.organization.legalName} (${r.organization.identifier})`)}
        ${row(msg('Demandeur', { id: 'operator.requester' }), person(r.requester))} ${row(msg('Message', { id: 'operator.message' }), r.message || '—')}
        ${timing}
      </dl>`;
    }
  }
}

/** The documents filed with the request: the power of attorney (R24), the supporting papers (R30). */
export function requestDocuments(pending: PendingRequest): readonly FiledDocument[] {
  if (pending.kind === 'mandates') return [pending.request.powerOfAttorney];
  if (pending.kind === 'recoveries') return pending.request.documents;
  return [];
}

/** A document's size, for its link. */
export function size(bytes: number | null): string {
  if (bytes === null) return '';
  const kilobytes = Math.max(1, Math.round(bytes / 1024));
  return msg(str`${kilobytes} Ko`, { id: 'operator.kilobytes' });
}
