/**
 * R24, R11: a mandate on a client that the registry lists but the platform does not have yet. The
 * request keeps the client's identifier and registry name beside its representative; the operator's
 * validation registers the organization (or takes the one that signed up meanwhile) first.
 */
import type { CommandContext } from '../commands/command.js';
import { enforce } from '../commands/refusals.js';
import { maybeOne, one } from '../db/query.js';
import { checkDocument, type DocumentUpload } from '../documents/rules.js';
import { documentRef, insertDocument } from '../documents/store.js';
import type { IdentifierKind } from '../organizations/identifiers.js';
import { registerOrganization } from '../organizations/commands.js';
import { findByIdentifier, findOrganization } from '../organizations/store.js';
import { registryLine } from '../registry/store.js';
import { checkClientRepresentative, type FileMandateRequest } from './request-rules.js';
import { checkMandateRequest } from './rules.js';
import { recordOnBothSides } from './commands.js';
import { refuse } from '../error-codes/refuse.js';

/** The request on a registry client: the same checks as any (R24), the representative required. */
export async function requestOnRegistryClient(
  context: CommandContext,
  input: FileMandateRequest & { readonly powerOfAttorney: DocumentUpload },
  client: { kind: IdentifierKind; identifier: string },
): Promise<string> {
  const { tx } = context;
  const entry = await registryLine(tx, client.identifier);
  if (entry?.status !== 'active') {
    throw refuse('mandate.client_not_recognized');
  }
  const document = enforce(checkDocument(input.powerOfAttorney, 'powerOfAttorney'));
  const open = await maybeOne(tx, `SELECT 1 FROM mandate WHERE fiduciary_id = $1 AND client_identifier = $2 AND client_id IS NULL AND status = 'requested'`, [
    input.fiduciaryId,
    client.identifier,
  ]);
  const request = enforce(
    checkMandateRequest(
      {
        fiduciaryId: input.fiduciaryId,
        clientId: `registry:${client.identifier}`,
        powerOfAttorneyRef: 'pending',
        powerOfAttorneySha256: document.sha256,
        validUntil: input.validUntil ?? null,
      },
      await findOrganization(tx, input.fiduciaryId),
      true,
      open !== undefined,
    ),
  );
  const representative = enforce(checkClientRepresentative(false, input.clientRepresentative));
  const documentId = await insertDocument(tx, document);
  const { id } = await one<{ id: string }>(
    tx,
    `INSERT INTO mandate (fiduciary_id, client_id, client_identifier_kind, client_identifier, client_legal_name, client_representative, requested_by_person_id,
                          power_of_attorney_ref, power_of_attorney_sha256, valid_until)
     VALUES ($1, NULL, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      input.fiduciaryId,
      client.kind,
      client.identifier,
      entry.name,
      JSON.stringify(representative),
      input.requesterPersonId,
      documentRef(documentId),
      document.sha256,
      request.validUntil,
    ],
  );
  const after = {
    status: 'requested',
    client: { identifier: client.identifier, legalName: entry.name },
    powerOfAttorneySha256: document.sha256,
    validUntil: request.validUntil,
  };
  await recordOnBothSides(context, { id, fiduciaryId: input.fiduciaryId, clientId: null }, { action: 'mandate.requested', before: null, after });
  return id;
}

/** Before validation: a request on a registry client gets its organization, registered now (R6) or signed up meanwhile. */
export async function registerPendingClient(context: CommandContext, mandateId: string): Promise<void> {
  const pending = await maybeOne<{ kind: IdentifierKind; identifier: string; legalName: string; fiduciaryId: string }>(
    context.tx,
    `SELECT client_identifier_kind AS kind, client_identifier AS identifier, client_legal_name AS "legalName", fiduciary_id AS "fiduciaryId"
       FROM mandate WHERE id = $1 AND client_id IS NULL AND status = 'requested' FOR UPDATE`,
    [mandateId],
  );
  if (!pending) return;
  const existing = await findByIdentifier(context.tx, pending.identifier, 'employer'); // R6: the client it would create
  const clientId =
    existing?.id ??
    (
      await registerOrganization.within(context, {
        identifierKind: pending.kind,
        identifier: pending.identifier,
        legalName: pending.legalName,
        type: 'employer',
      })
    ).id;
  const open = await maybeOne(context.tx, `SELECT 1 FROM mandate WHERE fiduciary_id = $1 AND client_id = $2 AND status IN ('requested', 'active')`, [
    pending.fiduciaryId,
    clientId,
  ]);
  if (open) throw refuse('mandate.exists', { field: 'mandateId' });
  await context.tx.query('UPDATE mandate SET client_id = $2 WHERE id = $1', [mandateId, clientId]);
}
