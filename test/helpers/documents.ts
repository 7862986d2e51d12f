/** Documents to file with requests (R24, R30): small but real files, recognized by their first bytes. */

/** A minimal PDF, as a scanned power of attorney would begin. */
export const samplePdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** The document as the API takes it. */
export function upload(bytes: Buffer = samplePdf, filename = 'procuration.pdf'): { filename: string; content: string } {
  return { filename, content: bytes.toString('base64') };
}
