import type { FastifyReply } from 'fastify';

/** Sends a document's bytes inline, under a file name stripped to safe characters, never cached. */
export function sendDocument(
  reply: FastifyReply,
  document: { readonly title: string; readonly mimeType: string; readonly content: Uint8Array },
) {
  const filename =
    document.title
      .normalize('NFD')
      .replace(/[^\w .-]/g, '')
      .slice(0, 80) || 'document';
  return reply
    .type(document.mimeType)
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(document.content));
}
