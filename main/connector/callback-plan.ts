// Pure planning of Mailjet eventcallbackurl changes: which rows to POST, PUT, DELETE or adopt so that
// exactly the selected event types reach us, and which foreign URLs stand in the way. No I/O; it never
// touches backup rows or a URL that is not ours unless the operator chose "replace".
import type { CallbackRow, ConflictChoice } from '../../shared/api';
import { EVENT_TYPES, isEventType, type EventType } from '../../shared/event-catalog';
import type { CallbackRecord } from '../upstream/mailjet/event-callbacks';
import { maskUrlCredentials } from '../logging/secret-masking';

export type { CallbackRecord };

/** A URL we displaced, kept (in settings, never logged) so disableSend can put it back. */
export interface ReplacedCallback {
  url: string;
  /** 1 = one object per request, 2 = grouped arrays; restored as it was. */
  version: number;
}
export type ReplacedCallbacks = Partial<Record<EventType, ReplacedCallback>>;

/** Mailjet's "group events": arrays of up to one second of events (docs/mailjet-segment-contracts.md#body-shapes). */
export const CALLBACK_VERSION = 2;

/** What an action, once done, changes in the remembered replaced URLs. */
interface ReplacedEffect {
  /** We displaced this URL: remember it for restoring. */
  remember?: ReplacedCallback;
  /** The replaced URL was put back, or is no longer ours to restore: forget it. */
  forget?: true;
}

export type CallbackAction =
  | ({ kind: 'post'; eventType: EventType; url: string; version: number } & ReplacedEffect)
  | ({ kind: 'put'; id: number; eventType: EventType; url: string; version: number } & ReplacedEffect)
  | ({ kind: 'delete'; id: number; eventType: EventType } & ReplacedEffect)
  | { kind: 'adopt'; id: number; eventType: EventType }
  /** No call to Mailjet: only drops a remembered URL. */
  | { kind: 'forget'; eventType: EventType; forget: true };

export interface CallbackPlanInput {
  existing: readonly CallbackRecord[];
  /** Types that should reach us; every other type of ours is removed (or restored). */
  selected: readonly EventType[];
  ourUrl: string;
  isOurs: (url: string) => boolean;
  onConflict: ConflictChoice;
  replacedBefore: ReplacedCallbacks;
  /** On removal, put back the URLs we replaced (disableSend's default); false forgets them. */
  restorePrevious?: boolean;
  /**
   * While sending is already on (new selection, rotated secret): apply every change that meets no
   * conflict, so our own rows never keep a stale secret, and report the conflicting types.
   */
  partial?: boolean;
}

export interface CallbackPlan {
  state: 'enabled' | 'conflict' | 'kept';
  actions: CallbackAction[];
  /** Foreign rows in the way, credentials masked; empty unless state is 'conflict' or 'kept'. */
  conflicts: CallbackRow[];
  /** What to remember after the plan runs. */
  replaced: ReplacedCallbacks;
}

export function planCallbackChanges(input: CallbackPlanInput): CallbackPlan {
  const primary = primaryRowsByType(input.existing);
  const wanted = new Set(input.selected);
  const conflicts = input.selected
    .filter((type) => {
      const row = primary.get(type);
      return row !== undefined && !input.isOurs(row.Url);
    })
    .map((type): CallbackRow => ({ eventType: type, url: maskUrlCredentials(primary.get(type)?.Url ?? '') }));

  const blocked = conflicts.length > 0 && input.onConflict !== 'replace';
  const state = !blocked ? 'enabled' : input.onConflict === 'ask' ? 'conflict' : 'kept';
  // Seed behaviour: "ask" changes nothing; "keep" leaves the endpoints and does not activate sending.
  if (blocked && !input.partial) return { state, actions: [], conflicts, replaced: { ...input.replacedBefore } };

  const skipped = new Set(blocked ? conflicts.map((conflict) => conflict.eventType) : []);
  const actions: CallbackAction[] = [];
  for (const type of EVENT_TYPES) {
    if (skipped.has(type)) continue;
    const row = primary.get(type);
    actions.push(...(wanted.has(type) ? planSelected(type, row, input) : planDeselected(type, row, input)));
  }
  return { state, actions, conflicts: blocked ? conflicts : [], replaced: applyReplacedEffects(input.replacedBefore, actions) };
}

/** The remembered replaced URLs after `actions` have run (all of them, or the ones that succeeded). */
export function applyReplacedEffects(before: ReplacedCallbacks, actions: readonly CallbackAction[]): ReplacedCallbacks {
  const after: ReplacedCallbacks = { ...before };
  for (const action of actions) {
    if ('remember' in action && action.remember) after[action.eventType] = action.remember;
    if ('forget' in action && action.forget) delete after[action.eventType];
  }
  return after;
}

function planSelected(type: EventType, row: CallbackRecord | undefined, input: CallbackPlanInput): CallbackAction[] {
  const register = { eventType: type, url: input.ourUrl, version: CALLBACK_VERSION };
  if (!row) return [{ kind: 'post', ...register }];
  if (input.isOurs(row.Url)) {
    if (isSuspended(row)) return recreate(row.ID, register);
    const current = row.Url === input.ourUrl && row.Version === CALLBACK_VERSION;
    return [current ? { kind: 'adopt', id: row.ID, eventType: type } : { kind: 'put', id: row.ID, ...register }];
  }
  // Only reached with onConflict "replace": remember what we displace, so it can be restored. A suspended
  // row is first made ours by the PUT: a foreign row is never deleted.
  const takeOver: CallbackAction = { kind: 'put', id: row.ID, ...register, remember: { url: row.Url, version: row.Version ?? 1 } };
  return isSuspended(row) ? [takeOver, ...recreate(row.ID, register)] : [takeOver];
}

function planDeselected(type: EventType, row: CallbackRecord | undefined, input: CallbackPlanInput): CallbackAction[] {
  const previous = input.replacedBefore[type];
  const restore = previous !== undefined && input.restorePrevious !== false;
  const forget = previous === undefined ? {} : { forget: true as const };
  const forgetOnly: CallbackAction[] = previous === undefined ? [] : [{ kind: 'forget', eventType: type, forget: true }];
  // Someone set their own URL since we replaced theirs: theirs wins, and there is nothing to restore.
  if (row && !input.isOurs(row.Url)) return forgetOnly;
  if (row && restore) {
    const back = { eventType: type, url: previous.url, version: previous.version, forget: true as const };
    return isSuspended(row) ? recreate(row.ID, back) : [{ kind: 'put', id: row.ID, ...back }];
  }
  if (row) return [{ kind: 'delete', id: row.ID, eventType: type, ...forget }];
  if (restore) return [{ kind: 'post', eventType: type, url: previous.url, version: previous.version, forget: true }];
  return forgetOnly;
}

/**
 * Mailjet suspends a callback that keeps failing (Status "dead") and never posts to it again; whether a
 * PUT of Status revives it is unconfirmed (docs/mailjet-segment-contracts.md#eventcallbackurl), so our row is deleted and POSTed afresh.
 */
function isSuspended(row: CallbackRecord): boolean {
  return row.Status === 'dead';
}

function recreate(id: number, post: { eventType: EventType; url: string; version: number; forget?: true }): CallbackAction[] {
  return [
    { kind: 'delete', id, eventType: post.eventType },
    { kind: 'post', ...post },
  ];
}

/** The replaced URLs for display (getStatus's send.replaced): credentials masked, in catalog order. */
export function describeReplacedCallbacks(replaced: ReplacedCallbacks): CallbackRow[] {
  return EVENT_TYPES.flatMap((type) => {
    const entry = replaced[type];
    return entry ? [{ eventType: type, url: maskUrlCredentials(entry.url) }] : [];
  });
}

/** Only primary rows (IsBackup false) of known types are ours to manage; the first one per type wins. */
function primaryRowsByType(rows: readonly CallbackRecord[]): Map<EventType, CallbackRecord> {
  const byType = new Map<EventType, CallbackRecord>();
  for (const row of rows) {
    if (row.IsBackup || !isEventType(row.EventType) || byType.has(row.EventType)) continue;
    byType.set(row.EventType, row);
  }
  return byType;
}
