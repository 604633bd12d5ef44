// Send to Segment: registers our Mailjet event callbacks (conflicts asked, kept or replaced as the
// operator chooses), removes them and restores what we replaced, and keeps them in step with the
// selection, the public URL and the events secret. Replaced URLs are never logged.
import type { CallbackRow, ConnectorArg, EventType } from '../../shared/api';
import type { ReplacedCallbacks } from './callback-plan';
import { reconcileCallbacks, registerCallbacks, removeCallbacks } from './callback-registration';
import { endEventsSecretRotation } from './events-secret-rotation';
import { requireReachableCallback } from './public-url-state';
import type { ServiceContext } from './service-context';

export interface EnableSendOutcome {
  state: 'enabled' | 'conflict' | 'kept';
  conflicts?: CallbackRow[];
}

export async function enableSend(context: ServiceContext, arg: ConnectorArg<'enableSend'>): Promise<EnableSendOutcome> {
  // Before any call to Mailjet: never register (or replace a live callback with) a URL it cannot reach.
  await requireReachableCallback(context);
  const before = context.settings.read();
  const replacedBefore = await context.settings.loadReplaced();
  const events = arg.events ?? before.events;
  const onConflict = arg.onConflict ?? 'ask';
  const sending = before.sendState === 'enabled';
  const result = await registerCallbacks(context.rest, {
    ...(await context.callbackTarget()),
    selected: events,
    onConflict,
    replacedBefore,
    // While sending is on, "keep" applies every change that meets no conflict: our rows keep posting.
    partial: sending && onConflict === 'keep',
    saveReplaced: saveReplacedIn(context),
  });
  const conflicts = result.conflicts ?? [];
  await context.settings.saveReplaced(result.replaced);
  if (result.state === 'conflict') {
    // "ask" changes nothing on Mailjet. While sending is on, the engine keeps the selection Mailjet
    // serves, so the settings stay as they are; otherwise remember the operator's choice of types.
    if (!sending) context.applySettings(context.settings.write({ events }));
    return { state: 'conflict', conflicts };
  }
  if (result.state === 'kept' && sending) {
    // The kept types stay with their owners, unselected; sending goes on for the rest.
    const kept = new Set(conflicts.map((conflict) => conflict.eventType));
    const selected = events.filter((type) => !kept.has(type));
    context.applySettings(context.settings.write({ events: selected, sendState: 'enabled', conflicts: [] }));
    await endEventsSecretRotation(context);
    context.logger.info({ state: 'enabled', events: selected, kept: [...kept] }, 'sending to Segment: callbacks registered, existing endpoints kept');
    return { state: 'enabled', conflicts };
  }
  const sendState = result.state === 'enabled' ? 'enabled' : 'kept';
  context.applySettings(context.settings.write({ events, sendState, conflicts }));
  // Every row of ours now carries the current events secret.
  if (sendState === 'enabled') await endEventsSecretRotation(context);
  context.logger.info({ state: sendState, events }, 'sending to Segment: callbacks registered');
  return result.state === 'enabled' ? { state: 'enabled' } : { state: 'kept', conflicts };
}

export async function disableSend(context: ServiceContext, arg: ConnectorArg<'disableSend'>): Promise<void> {
  const replacedBefore = await context.settings.loadReplaced();
  const { isOurs } = await context.callbackTarget();
  const removal = await removeCallbacks(context.rest, {
    isOurs,
    replacedBefore,
    restorePrevious: arg.restorePrevious ?? true,
    saveReplaced: saveReplacedIn(context),
  });
  await context.settings.saveReplaced(removal.replaced);
  context.applySettings(context.settings.write({ sendState: 'off', conflicts: [] }));
  await endEventsSecretRotation(context);
  context.logger.info({ removed: removal.removed, restored: removal.restored }, 'sending to Segment disabled');
}

export async function setEventSelection(context: ServiceContext, events: EventType[]): Promise<void> {
  const settings = context.settings.write({ events });
  context.applySettings(settings);
  if (settings.sendState === 'enabled') await reconcileOurCallbacks(context);
}

/**
 * While sending is on: bring our rows in line with the selection, base URL and events secret. Once
 * they carry the current secret (or none is ours), a rotation's previous secret is no longer accepted.
 */
export async function reconcileOurCallbacks(context: ServiceContext, previousBases: readonly string[] = []): Promise<void> {
  const settings = context.settings.read();
  if (settings.sendState !== 'enabled') {
    await endEventsSecretRotation(context);
    return;
  }
  await requireReachableCallback(context);
  const result = await reconcileCallbacks(context.rest, {
    ...(await context.callbackTarget(previousBases)),
    selected: settings.events,
    replacedBefore: await context.settings.loadReplaced(),
    saveReplaced: saveReplacedIn(context),
  });
  await context.settings.saveReplaced(result.replaced);
  context.settings.write({ conflicts: result.conflicts ?? [] });
  await endEventsSecretRotation(context);
}

/** Keeps the replaced URLs after every callback change, so a failure halfway never loses one. */
function saveReplacedIn(context: ServiceContext): (replaced: ReplacedCallbacks) => Promise<void> {
  return (replaced) => context.settings.saveReplaced(replaced);
}
