import { isUuid, maybeOne, one, type Queryable } from '../db/query.js';
import type { CheckedDocument, DocumentMediaType } from './rules.js';

/** Documents filed with requests (SQL here only). */

/** Stores the document; answers its id. */
export async function insertDocument(db: Queryable, document: CheckedDocument): Promise<string> {
  const row = await one<{ id: string }>(
    db,
    'INSERT INTO document (filename, media_type, byte_size, sha256, content) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [document.filename, document.mediaType, document.bytes.length, document.sha256, document.bytes],
  );
  return row.id;
}

/** How a request refers to its stored document. */
export const documentRef = (id: string): string => `document:${id}`;

/** A stored document as filed: its safe name and detected type (decided when it was filed), its bytes. */
export interface StoredDocument {
  readonly id: string;
  readonly filename: string;
  readonly mediaType: DocumentMediaType;
  readonly sha256: string;
  readonly bytes: Buffer;
}

/** The document of that id; undefined for none, or for an id that is not even a UUID. */
export async function findDocument(db: Queryable, id: string): Promise<StoredDocument | undefined> {
  if (!isUuid(id)) return undefined;
  return maybeOne<StoredDocument & Record<string, unknown>>(
    db,
    'SELECT id, filename, media_type AS "mediaType", sha256, content AS bytes FROM document WHERE id = $1',
    [id],
  );
}
