/**
 * Documents filed with a request (R24: the power of attorney; R30: a recovery's supporting papers),
 * pure: the file as sent (base64 in the JSON body) is decoded, its type read from its first bytes
 * (never from its name nor from what the caller claims), its size bounded, its SHA-256 computed.
 */
import { createHash } from 'node:crypto';
import { invalid, type Decision } from '../commands/refusals.js';

export const documentMediaTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentMediaType = (typeof documentMediaTypes)[number];

/** 5 MiB: a scanned, signed power of attorney of a few pages. */
export const maxDocumentBytes = 5 * 1024 * 1024;

/** A document as the API takes it. */
export interface DocumentUpload {
  readonly filename: string;
  /** The file's bytes, base64. */
  readonly content: string;
}

export interface CheckedDocument {
  readonly filename: string;
  readonly mediaType: DocumentMediaType;
  readonly bytes: Buffer;
  readonly sha256: string;
}

const signatures: ReadonlyArray<[DocumentMediaType, Buffer]> = [
  ['application/pdf', Buffer.from('%PDF-', 'latin1')],
  ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff])],
];

/** The media type the bytes begin with, if one of the accepted ones. */
function sniffMediaType(bytes: Buffer): DocumentMediaType | undefined {
  return signatures.find(([, magic]) => bytes.subarray(0, magic.length).equals(magic))?.[0];
}

/** The extension each accepted type is saved under. */
const extensions: Readonly<Record<DocumentMediaType, string>> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/**
 * Issue 14 item 11: the name a document is kept and served under. The extension is the detected
 * type's, whatever the sender typed (a PDF sent as `facture.html` is `facture.pdf`: nothing opens it
 * as a page); of the typed name only the last segment's letters, digits, spaces, `-` and `_` stay
 * (no path, no second extension, no control or direction character), 80 at most, `document` when
 * nothing is left. Applied to its own result it changes nothing.
 */
export function documentName(typed: string, mediaType: DocumentMediaType): string {
  const last = typed.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const base = last.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N} _-]+/gu, '-').replace(/\s+/g, ' ').replace(/^[\s-]+|[\s-]+$/g, '').slice(0, 80).trim();
  return `${base || 'document'}.${extensions[mediaType]}`;
}

/** R24, R30: the document decoded and checked; `field` names it in a refusal. */
export function checkDocument(upload: DocumentUpload, field: string): Decision<CheckedDocument> {
  const bytes = /^[A-Za-z0-9+/]*={0,2}$/.test(upload.content) ? Buffer.from(upload.content, 'base64') : Buffer.alloc(0);
  if (bytes.length === 0) {
    return invalid('document.empty', `${field}/content`, { fr: 'Document vide ou mal encodé (base64 attendu).', en: 'Empty or badly encoded document (base64 expected).' });
  }
  if (bytes.length > maxDocumentBytes) {
    return invalid('document.too_large', `${field}/content`, { fr: 'Document trop volumineux : 5 Mio au plus.', en: 'Document too large: 5 MiB at most.' });
  }
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) {
    return invalid('document.type', `${field}/content`, {
      fr: "Type de document refusé : joignez un PDF, un PNG ou un JPEG (le contenu est vérifié, pas seulement l'extension).",
      en: 'Document type refused: attach a PDF, PNG or JPEG (the content is checked, not only the extension).',
    });
  }
  return { filename: documentName(upload.filename, mediaType), mediaType, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
