import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { boundedJson } from './body.js';

const refusal = (raw: string, max?: number): AppError | undefined => {
  try {
    boundedJson(Buffer.from(raw), max);
    return undefined;
  } catch (error) {
    return error as AppError;
  }
};

describe('a large body is counted before it is parsed (issue 14 item 3)', () => {
  it('a few fields around long strings pass, commas and colons inside strings do not count', () => {
    const content = 'a,b:c'.repeat(100_000);
    expect(boundedJson(Buffer.from(JSON.stringify({ filename: 'x.pdf', content, note: 'say "hi", \\\\ ok' })), 10)).toMatchObject({
      filename: 'x.pdf',
      content,
    });
  });

  it('too many members is refused before parsing, malformed JSON as malformed', () => {
    expect(refusal(`{${Array.from({ length: 12 }, (_, i) => `"k${i}":0`).join(',')}}`, 10)).toMatchObject({ code: 'request.too_complex', status: 413 });
    expect(refusal('{"a":', 10)).toMatchObject({ code: 'request.entity.parse.failed', status: 400 });
  });
});
