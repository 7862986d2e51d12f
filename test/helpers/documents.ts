/** Documents to file with requests (R24, R30): small but real files, recognized by their first bytes. */

/** A minimal PDF, as a scanned power of attorney would begin. */
export const samplePdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** The document as the API takes it. */
export function upload(bytes: Buffer = samplePdf, filename = 'procuration.pdf'): { filename: string; content: string } {
  return { filename, content: bytes.toString('base64') };
}

/** The first bytes of a PNG: a scanned register extract. */
export const samplePng = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
