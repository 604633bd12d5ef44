// The URLs and keys the operator pastes into Segment and Mailjet, secret rotation, and the options
// (naming preset, flatten mode, public URL). A rotation or a new public URL re-registers our callbacks
// while sending is on, so Mailjet never keeps posting to a stale address.
import type { ConnectionInfo, ConnectorArg } from '../../shared/api';
import { registerSecret } from '../logging/redaction';
import { buildConnectionInfo, connectorBaseUrl } from './connection-info';
import { generateSecret } from './service-credentials';
import { reconcileOurCallbacks } from './service-send';
import type { ServiceContext } from './service-context';

export async function getConnectionInfo(context: ServiceContext): Promise<ConnectionInfo> {
  const [relayKey, eventsSecret] = await Promise.all([context.secret('relayKey'), context.secret('eventsSecret')]);
  if (relayKey === undefined || eventsSecret === undefined) throw new Error('the relay key or events secret is missing; the host generates them at start');
  return buildConnectionInfo({ relayUrl: context.engine.relayUrl, publicUrl: context.settings.read().publicUrl, relayKey, eventsSecret });
}

export async function rotateSecret(context: ServiceContext, arg: ConnectorArg<'rotateSecret'>): Promise<ConnectionInfo> {
  const fresh = generateSecret();
  registerSecret(fresh);
  await context.secrets.set(arg.which, fresh);
  // The relay reads secrets from the engine's cache: from here on the old value gets 401.
  await context.engine.reloadSecrets();
  context.logger.info({ which: arg.which }, 'secret rotated');
  if (arg.which === 'eventsSecret') await reconcileOurCallbacks(context);
  return getConnectionInfo(context);
}

export async function setOptions(context: ServiceContext, arg: ConnectorArg<'setOptions'>): Promise<void> {
  const before = context.settings.read();
  const previousBase = connectorBaseUrl(context.engine.relayUrl, before.publicUrl);
  const after = context.settings.write({ namingPreset: arg.namingPreset, flattenMode: arg.flattenMode });
  // null clears the public URL; undefined leaves it alone (write() skips undefined values).
  const settings = arg.publicUrl === undefined ? after : context.settings.write({ publicUrl: arg.publicUrl });
  context.applySettings(settings);
  if (settings.publicUrl !== before.publicUrl) await reconcileOurCallbacks(context, [previousBase]);
}
