// startTunnel / stopTunnel: the built-in tunnel (main/tunnel/) wired to the service. Each URL the
// tunnel prints is proven, saved as the public URL and, while sending is on, our callbacks move to it.
import type { TunnelProgram } from '../../shared/api';
import { TunnelError } from '../tunnel/tunnel-errors';
import { createTunnelSupervisor, type TunnelSupervisor } from '../tunnel/tunnel-supervisor';
import { applyPublicUrl } from './service-public-url';
import type { ServiceContext } from './service-context';

/** A new tunnel's name may take a while to resolve and reach the relay (cloudflared says so). */
const DEFAULT_PROOF_WINDOW_MS = 60_000;

export function createServiceTunnel(context: ServiceContext): TunnelSupervisor {
  const tunnel = createTunnelSupervisor({
    env: context.env ?? process.env,
    spawn: context.spawnTunnel,
    relayPort: () => Number(new URL(context.engine.relayUrl).port),
    async useUrl(url) {
      await applyPublicUrl(context, url, { proofWindowMs: context.tunnelProofWindowMs ?? DEFAULT_PROOF_WINDOW_MS });
      const check = context.publicUrlCheck;
      if (check?.url === url && check.result !== 'reached') throw new TunnelError('tunnel_not_proven', `The tunnel is up, but ${check.message}`);
      context.logger.info({ publicUrl: url }, 'tunnel URL in use');
    },
  });
  context.tunnel = tunnel;
  return tunnel;
}

export async function startTunnel(context: ServiceContext, program: TunnelProgram): Promise<void> {
  await context.tunnel?.start(program);
}

export async function stopTunnel(context: ServiceContext): Promise<void> {
  await context.tunnel?.stop();
}
