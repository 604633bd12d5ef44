// GET /healthz: liveness for tunnels and monitors. No auth, and it reveals nothing but "up" (and, while
// the disk is full, that too). With a `nonce` query it also answers the public URL proof (health-proof.ts).
import type { FastifyInstance } from 'fastify';
import { NONCE_PATTERN, processHealthProof, type HealthProof } from './health-proof';

export function registerHealthRoute(app: FastifyInstance, proof: HealthProof = processHealthProof, diskFull: () => boolean = () => false): void {
  app.get<{ Querystring: { nonce?: unknown } }>('/healthz', async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    // Still 200: the relay is up and answers; a monitor reads `storage` to see that intake answers 503.
    const body = diskFull() ? { ok: true, storage: 'disk_full' } : { ok: true };
    const nonce = request.query.nonce;
    if (typeof nonce === 'string' && NONCE_PATTERN.test(nonce)) return { ...body, proof: proof.answer(nonce) };
    return body;
  });
}
