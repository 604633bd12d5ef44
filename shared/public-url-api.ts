// The public URL's part of the ConnectorApi contract (shared/api.ts): the proof's result and the
// built-in tunnel's state, as getStatus shows them. Plain data only; never a secret.

/** Why a public URL did or did not reach this relay (the proof: GET <url>/healthz?nonce=…). */
export type PublicUrlCheckResult = 'checking' | 'reached' | 'dns' | 'tls' | 'timeout' | 'unreachable' | 'other_server';

export interface PublicUrlCheck {
  url: string;
  result: PublicUrlCheckResult;
  /** What happened and what to do next; also says whether Mailjet's callbacks moved. */
  message: string;
  checkedAt: string;
}

export type TunnelProgram = 'cloudflared' | 'ngrok';

export interface TunnelStatus {
  state: 'off' | 'starting' | 'running' | 'failed';
  program?: TunnelProgram;
  /** The tunnel's public URL once its output named it. */
  url?: string;
  /** The last thing that went wrong, with what to do next. */
  lastError?: string;
  /** Which tunnel programs were found (on PATH or at MJSC_CLOUDFLARED_PATH / MJSC_NGROK_PATH). */
  available: TunnelProgram[];
}
