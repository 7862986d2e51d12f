import { one, type Queryable } from '../db/query.js';
import type { CheckedDocument } from './rules.js';

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
