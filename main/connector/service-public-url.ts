// Saving the public URL: it is proven (public-url-proof.ts) and, while sending is on, our Mailjet
// callbacks move to it only when Mailjet can reach it; otherwise nothing changes on Mailjet.
import { connectorBaseUrl } from './connection-info';
import { currentReachability, proveSavedPublicUrl } from './public-url-state';
import { reconcileOurCallbacks } from './service-send';
import type { ServiceContext } from './service-context';

/**
 * setOptions and the tunnel: save the URL (so the relay accepts its Host), prove it, and, while sending
 * is on and Mailjet can reach it, move our callbacks there. The check's message says what happened.
 */
export async function applyPublicUrl(context: ServiceContext, url: string | null, options: { proofWindowMs?: number } = {}): Promise<void> {
  const before = context.settings.read();
  const previousBase = connectorBaseUrl(context.engine.relayUrl, before.publicUrl);
  context.applySettings(context.settings.write({ publicUrl: url }));
  if (url === null) delete context.publicUrlCheck;
  const check = await proveSavedPublicUrl(context, options.proofWindowMs);
  if (check === undefined && url !== null) return;
  const sending = context.settings.read().sendState === 'enabled';
  const reachable = currentReachability(context);
  let outcome = sending ? '' : ' Enable sending to register it on Mailjet.';
  if (sending && reachable.usable) {
    await reconcileOurCallbacks(context, [previousBase]);
    outcome = url === before.publicUrl ? " Mailjet's event callbacks point at it." : " Mailjet's event callbacks were moved to it.";
  } else if (sending) {
    outcome = " Mailjet's event callbacks were left as they were, so nothing changed on Mailjet.";
  }
  if (check !== undefined && context.publicUrlCheck?.url === url) context.publicUrlCheck = { ...check, message: `${check.message}${outcome}` };
  context.logger.info({ publicUrl: url, result: check?.result ?? 'cleared', moved: sending && reachable.usable }, 'public URL saved');
}
