// The URLs and keys the operator pastes into Segment and Mailjet, secret rotation, and the options
// (naming preset, flatten mode, public URL). A rotation or a new public URL re-registers our callbacks
// while sending is on, so Mailjet never keeps posting to a stale address.
import type { ConnectionInfo, ConnectorArg } from '../../shared/api';
import { registerSecret } from '../logging/redaction';
import { CallbackRegistrationError } from './callback-registration';
import { buildConnectionInfo } from './connection-info';
import { beginEventsSecretRotation } from './events-secret-rotation';
import { generateSecret } from './service-credentials';
import { reconcileOurCallbacks } from './service-send';
import type { ServiceContext } from './service-context';
import { applyPublicUrl } from './service-public-url';

export async function getConnectionInfo(context: ServiceContext): Promise<ConnectionInfo> {
  const [relayKey, eventsSecret] = await Promise.all([context.secret('relayKey'), context.secret('eventsSecret')]);
  if (relayKey === undefined || eventsSecret === undefined) throw new Error('the relay key or events secret is missing; the host generates them at start');
  return buildConnectionInfo({ relayUrl: context.engine.relayUrl, publicUrl: context.settings.read().publicUrl, relayKey, eventsSecret });
}

export async function rotateSecret(context: ServiceContext, arg: ConnectorArg<'rotateSecret'>): Promise<ConnectionInfo> {
  const fresh = generateSecret();
  if (arg.which === 'eventsSecret') {
    // The previous secret stays accepted until our callbacks carry the new one (reconcile ends that).
    await beginEventsSecretRotation(context, fresh);
    context.logger.info({ which: arg.which }, 'secret rotated');
    await reconcileOurCallbacks(context).catch((error: unknown) => {
      throw rotationPending(error);
    });
    return getConnectionInfo(context);
  }
  registerSecret(fresh);
  await context.secrets.set(arg.which, fresh);
  // The relay reads secrets from the engine's cache: from here on the old value gets 401.
  await context.engine.reloadSecrets();
  context.logger.info({ which: arg.which }, 'secret rotated');
  return getConnectionInfo(context);
}

function rotationPending(error: unknown): CallbackRegistrationError {
  const cause = error instanceof Error ? ` (${error.message.replace(/[.\s]+$/, '')})` : '';
  return new CallbackRegistrationError(
    'callback_rotation_pending',
    `The new events secret is active, but Mailjet's event callbacks could not be moved to it yet${cause}. ` +
      'Mailjet keeps posting with the previous secret, which the relay still accepts; the connector retries by itself, or choose Enable sending to retry now.',
    { cause: error },
  );
}

export async function setOptions(context: ServiceContext, arg: ConnectorArg<'setOptions'>): Promise<void> {
  const before = context.settings.read();
  const caps = arg.propertyCaps === undefined ? undefined : { ...before.propertyCaps, ...arg.propertyCaps };
  context.applySettings(context.settings.write({ namingPreset: arg.namingPreset, flattenMode: arg.flattenMode, propertyCaps: caps }));
  // null clears the public URL; undefined leaves it alone. Saving one proves it, then moves the callbacks.
  if (arg.publicUrl !== undefined) await applyPublicUrl(context, arg.publicUrl);
}
