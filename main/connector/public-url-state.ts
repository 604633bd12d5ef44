// Whether Mailjet can reach our callback URL now, the proof of the saved public URL, and the guard that
// refuses to register a callback Mailjet cannot reach (docs/architecture.md#delivery-rules, "Reachability").
import type { PublicUrlCheck, Problem } from '../../shared/api';
import { judgeCallbackReachability, type Reachability } from './callback-reachability';
import { connectorBaseUrl } from './connection-info';
import { provePublicUrl } from './public-url-proof';
import { ConnectorError } from './service-errors';
import type { ServiceContext } from './service-context';

const RETRYABLE = new Set(['dns', 'timeout', 'unreachable', 'other_server']);

/** Whether Mailjet can reach our callback URL now, from the saved public URL and its latest proof. */
export function currentReachability(context: ServiceContext): Reachability {
  const { publicUrl } = context.settings.read();
  const check = context.publicUrlCheck;
  return judgeCallbackReachability({
    baseUrl: connectorBaseUrl(context.engine.relayUrl, publicUrl),
    isPublicUrl: publicUrl !== null,
    mailjetApiUrl: context.mailjetApiUrl,
    proven: publicUrl !== null && check?.url === publicUrl && check.result === 'reached',
  });
}

/** Proves the saved public URL; `windowMs` keeps trying that long (a new tunnel's name takes a moment). */
export async function proveSavedPublicUrl(context: ServiceContext, windowMs = 0): Promise<PublicUrlCheck | undefined> {
  const url = context.settings.read().publicUrl;
  if (url === null) return undefined;
  const deadline = context.now() + windowMs;
  context.publicUrlCheck = { url, result: 'checking', message: `Checking that ${url} reaches this relay…`, checkedAt: new Date(context.now()).toISOString() };
  for (;;) {
    const check = await provePublicUrl(url, { fetch: context.fetch, now: context.now, timeoutMs: context.proofTimeoutMs });
    if (context.settings.read().publicUrl !== url) return check; // Replaced meanwhile: that one's proof counts.
    context.publicUrlCheck = check;
    if (check.result === 'reached' || !RETRYABLE.has(check.result) || context.now() >= deadline) return check;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Before any callback of ours is written: refuse (409) a URL the Mailjet API cannot reach. */
export async function requireReachableCallback(context: ServiceContext): Promise<void> {
  let verdict = currentReachability(context);
  if (!verdict.usable && verdict.reason === 'not_proven') {
    await proveSavedPublicUrl(context);
    verdict = currentReachability(context);
  }
  const problem = describeUnreachable(context, verdict);
  if (problem !== undefined) throw new ConnectorError('callback_url_unreachable', `${problem.message} Nothing was changed on Mailjet.`);
}

/** The status's send.unreachable: what stops Mailjet from reaching us, and what to do. */
export function describeUnreachable(context: ServiceContext, verdict: Reachability = currentReachability(context)): Problem | undefined {
  if (verdict.usable) return undefined;
  const { publicUrl } = context.settings.read();
  const next = 'Set a public https URL under "Public URL" (a tunnel to this relay), or choose "Start a tunnel", then enable sending again.';
  const why: Record<typeof verdict.reason, string> = {
    no_public_url: `Mailjet's servers cannot reach this relay at ${context.engine.relayUrl}: it listens only on this computer.`,
    not_https: `Mailjet needs an https callback URL, and ${publicUrl ?? ''} is plain http.`,
    not_public: `${publicUrl ?? ''} is a local or private address that Mailjet's servers cannot reach.`,
    not_proven: `${publicUrl ?? ''} has not been shown to reach this relay${context.publicUrlCheck?.url === publicUrl ? `: ${context.publicUrlCheck?.message ?? ''}` : '.'}`,
  };
  return { code: 'callback_url_unreachable', message: `${why[verdict.reason]} ${next}` };
}
