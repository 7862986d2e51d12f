/**
 * Documents filed with a request (R24: the power of attorney; R30: a recovery's supporting papers),
 * pure: the file as sent (base64 in the JSON body) is decoded, its type read from its first bytes
 * (never from its name nor from what the caller claims), its size bounded, its SHA-256 computed.
 */
import { createHash } from 'node:crypto';
import type { Decision } from '../commands/refusals.js';
import { refuse } from '../error-codes/refuse.js';

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
  const base = last
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} _-]+/gu, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s-]+|[\s-]+$/g, '')
    .slice(0, 80)
    .trim();
  return `${base || 'document'}.${extensions[mediaType]}`;
}

/** R24, R30: the document decoded and checked; `field` names it in a refusal. */
export function checkDocument(upload: DocumentUpload, field: string): Decision<CheckedDocument> {
  const bytes = /^[A-Za-z0-9+/]*={0,2}$/.test(upload.content) ? Buffer.from(upload.content, 'base64') : Buffer.alloc(0);
  if (bytes.length === 0) {
    return refuse('document.empty', { field: `${field}/content` });
  }
  if (bytes.length > maxDocumentBytes) {
    return refuse('document.too_large', { field: `${field}/content` });
  }
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) {
    return refuse('document.type', { field: `${field}/content` });
  }
  return { filename: documentName(upload.filename, mediaType), mediaType, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
