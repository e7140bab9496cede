import type { FastifyReply } from 'fastify';

/** A file to send: its name, media type and bytes. */
export interface SentFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** A response body that is a file of one of these media types (OpenAPI: `format: binary`). */
export function binary(...mediaTypes: string[]) {
  return {
    description: 'The file',
    content: Object.fromEntries(mediaTypes.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])),
  };
}

/** Sends a document: names, amounts and care of members, so no copy in shared caches. */
export function sendFile(reply: FastifyReply, file: SentFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `inline; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(file.bytes);
}
