import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../commands/refusal-of.js';
import { checkDocument, documentName, maxDocumentBytes } from './rules.js';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

describe('documents filed with a request (R24, R30)', () => {
  it('a PDF, PNG or JPEG is recognized by its content and stored with its SHA-256', () => {
    const checked = checkDocument({ filename: ' procuration.pdf ', content: pdf.toString('base64') }, 'powerOfAttorney');
    expect(checked).toMatchObject({ filename: 'procuration.pdf', mediaType: 'application/pdf', sha256: createHash('sha256').update(pdf).digest('hex') });
    expect(checkDocument({ filename: 'scan.png', content: png.toString('base64') }, 'd')).toMatchObject({ mediaType: 'image/png' });
    expect(checkDocument({ filename: 'scan.jpg', content: jpeg.toString('base64') }, 'd')).toMatchObject({ mediaType: 'image/jpeg' });
  });

  it('a file named .pdf that is not one, an empty or badly encoded file, an oversized one are refused, naming the field', () => {
    const text = Buffer.from('not a pdf at all').toString('base64');
    expect(refusalOf(checkDocument({ filename: 'faux.pdf', content: text }, 'powerOfAttorney'))).toBe('422 document.type /powerOfAttorney/content');
    expect(refusalOf(checkDocument({ filename: 'vide.pdf', content: '' }, 'powerOfAttorney'))).toBe('422 document.empty /powerOfAttorney/content');
    expect(refusalOf(checkDocument({ filename: 'x.pdf', content: '%%%' }, 'powerOfAttorney'))).toBe('422 document.empty /powerOfAttorney/content');
    const huge = Buffer.concat([pdf, Buffer.alloc(maxDocumentBytes)]).toString('base64');
    expect(refusalOf(checkDocument({ filename: 'gros.pdf', content: huge }, 'powerOfAttorney'))).toBe('422 document.too_large /powerOfAttorney/content');
  });

  it('issue 14 item 11: a document is named with the extension of its detected type, and only safe characters of the typed name', () => {
    const named = (filename: string, bytes: Buffer) => (checkDocument({ filename, content: bytes.toString('base64') }, 'd') as { filename: string }).filename;
    expect(named('facture.html', pdf)).toBe('facture.pdf');
    expect(named('photo.svg', png)).toBe('photo.png');
    expect(named('scan', jpeg)).toBe('scan.jpg');
    expect(named('..\\..\\windows/procuration signée.pdf.exe', pdf)).toBe('procuration signée-pdf.pdf');
    expect(named('reçu\u202Efdp.exe', pdf)).toBe('reçu-fdp.pdf');
    expect(named('<script>.pdf', pdf)).toBe('script.pdf');
    expect(named('.pdf', pdf)).toBe('document.pdf');
    expect(named('x'.repeat(300) + '.pdf', pdf)).toBe('x'.repeat(80) + '.pdf');
    for (const name of ['procuration signée-pdf.pdf', 'document.pdf', 'a b_c-d.pdf']) expect(documentName(name, 'application/pdf')).toBe(name);
  });
});
