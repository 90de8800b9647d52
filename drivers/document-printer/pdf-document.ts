// The document a print command receives: PDF bytes or the path of a PDF file, checked before anything is queued.
import { readFile } from 'node:fs/promises';
import { type Completion, failure, success } from '../../contracts/device-model';

const PDF_MAGIC = '%PDF-';

export async function readPdf(document: Uint8Array | string): Promise<Completion<Uint8Array>> {
  let bytes: Uint8Array;
  if (typeof document === 'string') {
    try {
      bytes = await readFile(document);
    } catch (error) {
      return failure('invalidData', `cannot read ${document}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  } else {
    bytes = document;
  }
  // A PDF may have up to 1 KiB of junk before its header (ISO 32000-1 §7.5.2, implementation note).
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes(PDF_MAGIC)) return failure('invalidData', 'the document is not a PDF');
  return success(bytes);
}
