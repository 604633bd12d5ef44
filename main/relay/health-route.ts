// GET /healthz: liveness for tunnels and monitors. No auth, and it reveals nothing but "up".
import type { FastifyInstance } from 'fastify';

export function registerHealthRoute(app: FastifyInstance): void {
  app.get('/healthz', async () => ({ ok: true }));
}
