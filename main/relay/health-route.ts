// GET /healthz: liveness for tunnels and monitors. No auth, and it reveals nothing but "up". With a
// `nonce` query it also answers the public URL proof (health-proof.ts), which proves "this relay".
import type { FastifyInstance } from 'fastify';
import { NONCE_PATTERN, processHealthProof, type HealthProof } from './health-proof';

export function registerHealthRoute(app: FastifyInstance, proof: HealthProof = processHealthProof): void {
  app.get<{ Querystring: { nonce?: unknown } }>('/healthz', async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    const nonce = request.query.nonce;
    if (typeof nonce === 'string' && NONCE_PATTERN.test(nonce)) return { ok: true, proof: proof.answer(nonce) };
    return { ok: true };
  });
}
