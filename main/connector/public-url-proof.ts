// Proves a public URL before the connector uses it: GET <url>/healthz?nonce=… must come back, through
// whatever tunnel or proxy, with this relay's answer to the nonce (main/relay/health-proof.ts). The
// result says why not when it does not (DNS, TLS, timeout, unreachable, another server).
import { randomBytes } from 'node:crypto';
import type { PublicUrlCheck, PublicUrlCheckResult } from '../../shared/api';
import { processHealthProof, type HealthProof } from '../relay/health-proof';

export interface ProofDeps {
  fetch?: typeof fetch;
  proof?: HealthProof;
  now?: () => number;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

export async function provePublicUrl(url: string, deps: ProofDeps = {}): Promise<PublicUrlCheck> {
  const proof = deps.proof ?? processHealthProof;
  const nonce = randomBytes(24).toString('base64url');
  const checkedAt = new Date((deps.now ?? Date.now)()).toISOString();
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const done = (result: PublicUrlCheckResult, detail = ''): PublicUrlCheck => ({ url, result, message: describe(result, url, detail, timeoutMs), checkedAt });
  let response: Response;
  try {
    response = await (deps.fetch ?? fetch)(`${url.replace(/\/+$/, '')}/healthz?nonce=${nonce}`, {
      redirect: 'manual',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return done(...classifyFailure(error));
  }
  const body = (await response.json().catch(() => undefined)) as { proof?: unknown } | undefined;
  if (response.status === 200 && typeof body?.proof === 'string' && proof.verify(nonce, body.proof)) return done('reached');
  return done('other_server', `HTTP ${response.status}`);
}

function classifyFailure(error: unknown): [PublicUrlCheckResult, string] {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return ['timeout', ''];
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  if (DNS_CODES.has(code)) return ['dns', code];
  if (TLS_CODE.test(code)) return ['tls', code];
  return ['unreachable', code || (error instanceof Error ? error.message : String(error))];
}

function describe(result: PublicUrlCheckResult, url: string, detail: string, timeoutMs: number): string {
  const host = new URL(url).host;
  const why = detail === '' ? '' : ` (${detail})`;
  switch (result) {
    case 'reached':
      return `${url} reaches this relay: the proof request came back with its answer.`;
    case 'checking':
      return `Checking that ${url} reaches this relay…`;
    case 'dns':
      return `${host} does not resolve in DNS${why}. Check the spelling, or wait a minute for a new tunnel's name to appear, then save again.`;
    case 'tls':
      return `The TLS certificate of ${host} was refused${why}. Use the tunnel's own https URL (its certificate must be valid), then save again.`;
    case 'timeout':
      return `${url} did not answer within ${Math.round(timeoutMs / 1000)} s. Check that the tunnel is running and points at this relay, then save again.`;
    case 'unreachable':
      return `${url} could not be reached${why}. Check that the tunnel is running and points at this relay, then save again.`;
    case 'other_server':
      return `${url} answered${why}, but not as this relay: it points at another server. Point the tunnel at this relay's own address (the relay URL), then save again.`;
  }
}
