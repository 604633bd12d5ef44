// Rotating the events secret in two steps: the new secret is live at once, and the previous one stays
// accepted until Mailjet's callbacks carry the new one, so a failed re-registration never locks Mailjet
// out (every post a 401). It never logs either secret.
import { registerSecret } from '../logging/redaction';
import { SecretStoreUnavailableError } from '../secrets/secret-store';
import type { ServiceContext } from './service-context';

const PREVIOUS = 'previousEventsSecret';
/** While a rotation is pending, the upkeep timer retries the re-registration at most this often. */
export const ROTATION_RETRY_MS = 30_000;

interface RetryState {
  /** 'unknown' until the store was read once (a rotation may be pending from before a restart). */
  pending: boolean | 'unknown';
  lastAttemptAt: number;
  running?: Promise<void>;
}
const retries = new WeakMap<ServiceContext, RetryState>();

function retryState(context: ServiceContext): RetryState {
  let state = retries.get(context);
  if (!state) retries.set(context, (state = { pending: 'unknown', lastAttemptAt: Number.NEGATIVE_INFINITY }));
  return state;
}

/** Makes `fresh` the events secret, keeping the current one accepted while our callbacks carry it. */
export async function beginEventsSecretRotation(context: ServiceContext, fresh: string): Promise<void> {
  const [current, pending] = await Promise.all([context.secret('eventsSecret'), context.secret(PREVIOUS)]);
  // While an earlier rotation is still pending, Mailjet's rows carry that older secret: keep it.
  const keepCurrent = current !== undefined && pending === undefined && context.settings.read().sendState === 'enabled';
  const kept = keepCurrent && (await keepPrevious(context, current));
  registerSecret(fresh);
  try {
    await context.secrets.set('eventsSecret', fresh);
  } catch (error) {
    if (kept) await context.secrets.delete(PREVIOUS).catch(() => undefined);
    throw error;
  }
  Object.assign(retryState(context), { pending: kept || pending !== undefined, lastAttemptAt: context.now() });
  // The relay reads secrets from the engine's cache: from here on both secrets are accepted.
  await context.engine.reloadSecrets();
}

/** Our callbacks carry the current secret (or none is ours any more): stop accepting the previous one. */
export async function endEventsSecretRotation(context: ServiceContext): Promise<void> {
  if ((await context.secret(PREVIOUS)) === undefined) return;
  await context.secrets.delete(PREVIOUS);
  retryState(context).pending = false;
  await context.engine.reloadSecrets();
  context.logger.info({}, 'Mailjet posts with the new events secret; the previous one is no longer accepted');
}

/**
 * On the engine's upkeep timer: while a rotation is pending, re-register in the background at most once per
 * ROTATION_RETRY_MS, never two at a time. `reconcile` ends the rotation when it succeeds.
 */
export function retryPendingRotation(context: ServiceContext, reconcile: () => Promise<void>): void {
  const state = retryState(context);
  if (state.pending === false || state.running || context.now() - state.lastAttemptAt < ROTATION_RETRY_MS) return;
  state.lastAttemptAt = context.now();
  state.running = (async () => {
    if (state.pending === 'unknown') state.pending = (await context.secret(PREVIOUS)) !== undefined;
    if (state.pending) await reconcile();
  })()
    .catch((error: unknown) => {
      context.logger.warn({ code: (error as { code?: unknown }).code }, 'Mailjet callbacks still carry the previous events secret; retrying later');
    })
    .finally(() => {
      state.running = undefined;
    });
}

async function keepPrevious(context: ServiceContext, current: string): Promise<boolean> {
  try {
    await context.secrets.set(PREVIOUS, current);
    return true;
  } catch (error) {
    if (!(error instanceof SecretStoreUnavailableError)) throw error;
    // No keychain to hold it: the rotation still happens, without the grace period.
    context.logger.warn({ code: error.code }, 'the previous events secret cannot be kept; Mailjet posts get 401 until the callbacks are re-registered');
    return false;
  }
}
