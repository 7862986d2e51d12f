import type { DocumentUpload } from './types.js';

/** A file chosen on disk as the API takes it inside a JSON body: its name and its bytes in base64. */
export async function uploadOf(file: File): Promise<DocumentUpload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: file.name, content: btoa(binary) };
}
