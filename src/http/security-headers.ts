import type { FastifyInstance } from 'fastify';

// The API docs page (swagger-ui) needs inline styles and scripts; everything else gets a strict policy.
const STRICT_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Baseline browser protections on every response (issue 8 hardens sessions and CSRF further). */
export function applySecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (!request.url.startsWith('/api/docs')) reply.header('content-security-policy', STRICT_CSP);
  });
}
