// What each supported tunnel program needs: its command line for a relay port, the variable that
// may name its path, and how to install it (shown when it is not found). Pure data.
import type { TunnelProgram } from '../../shared/api';

export interface TunnelProgramSpec {
  program: TunnelProgram;
  /** Arguments for a tunnel to http://127.0.0.1:<port>. */
  args(port: number): string[];
  /** An environment variable that names the program's path, tried before PATH. */
  pathEnv: string;
  installHint: string;
}

export const TUNNEL_PROGRAMS: { readonly [P in TunnelProgram]: TunnelProgramSpec } = {
  cloudflared: {
    program: 'cloudflared',
    // A quick tunnel: no account needed; the URL changes at every start.
    args: (port) => ['tunnel', '--url', `http://127.0.0.1:${port}`],
    pathEnv: 'MJSC_CLOUDFLARED_PATH',
    installHint:
      'Install cloudflared (no account needed): https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/ (macOS: brew install cloudflared).',
  },
  ngrok: {
    program: 'ngrok',
    args: (port) => ['http', String(port), '--log', 'stdout', '--log-format', 'json'],
    pathEnv: 'MJSC_NGROK_PATH',
    installHint: 'Install ngrok from https://ngrok.com/download and run `ngrok config add-authtoken <token>` once.',
  },
};

export const TUNNEL_PROGRAM_NAMES = Object.keys(TUNNEL_PROGRAMS) as TunnelProgram[];
