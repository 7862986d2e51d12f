import { AppError } from '../errors.js';
import { refuse } from '../error-codes/refuse.js';

/** Members and elements a body that carries documents may have: far more than any such request needs (R24, R30). */
export const maxDocumentBodyMembers = 1_000;

const [quote, backslash, comma, colon] = ['"', '\\', ',', ':'].map((c) => c.charCodeAt(0)) as [number, number, number, number];

/**
 * Issue 14 item 3: a JSON body of up to 8 MB, parsed only when it is shaped like a request that
 * carries documents, a few fields around long base64 strings. One pass over the bytes counts the
 * members and elements (`,` and `:` outside strings); past `maxMembers` the body is refused before
 * `JSON.parse` builds anything (700,000 keys would cost hundreds of megabytes).
 */
export function boundedJson(raw: Buffer, maxMembers = maxDocumentBodyMembers): unknown {
  let members = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === backslash) i++;
      else if (byte === quote) inString = false;
    } else if (byte === quote) inString = true;
    else if ((byte === comma || byte === colon) && ++members > maxMembers) throw tooComplex(maxMembers);
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw refuse('request.entity.parse.failed');
  }
}

const tooComplex = (max: number): AppError => refuse('request.too_complex', { max });
