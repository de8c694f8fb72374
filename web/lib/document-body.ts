/**
 * A document upload's text (a spec, a rules file), read from the request body with a byte cap: the
 * limits in shared/documents refuse a larger document anyway, so reading past them only costs memory.
 */
import type { DocumentLimits } from '#shared/documents/document-limits';
import { BadRequestError } from './api-errors.ts';

export async function documentText(request: Request, limits: DocumentLimits): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limits.maxBytes) throw tooLarge(declared, limits);
  const reader = request.body?.getReader();
  if (reader === undefined) throw new BadRequestError('Send the document as the request body');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limits.maxBytes) {
      await reader.cancel();
      throw tooLarge(size, limits);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new BadRequestError('Send the document as the request body');
  return text;
}

function tooLarge(bytes: number, limits: DocumentLimits): BadRequestError {
  return new BadRequestError(
    `The document is over ${limits.maxBytes} bytes (at least ${bytes}); split it or trim it`,
  );
}
