// Registers, reconciles and removes the Mailjet event callbacks that point at the relay, by listing
// every row, planning (callback-plan.ts) and applying with a read-back. It never logs or returns an
// unmasked foreign URL; the replaced URLs it hands back are for the settings store only.
import type { CallbackRow, ConflictChoice } from '../../shared/api';
import type { EventType } from '../../shared/event-catalog';
import { CodedError } from '../errors/coded-error';
import { createCallback, deleteCallback, listCallbacks, readCallback, updateCallbackUrl } from '../upstream/mailjet/event-callbacks';
import { MailjetApiError } from '../upstream/mailjet/mailjet-api-error';
import type { MailjetRest } from '../upstream/mailjet/rest-core';
import {
  applyReplacedEffects,
  planCallbackChanges,
  type CallbackAction,
  type CallbackPlan,
  type ReplacedCallbacks,
} from './callback-plan';

/** Re-list and re-plan this often when a row appears or vanishes under us (MJ18, 404), then give up. */
const MAX_ATTEMPTS = 3;

export interface CallbackTarget {
  /** Our full callback URL, events secret included. */
  ourUrl: string;
  /** Same host and path as ours, whatever secret: see isOurCallbackUrl. */
  isOurs: (url: string) => boolean;
}

export interface CallbackRegistration extends CallbackTarget {
  selected: readonly EventType[];
  onConflict: ConflictChoice;
  replacedBefore: ReplacedCallbacks;
  /** For deselected types: put back the URLs we replaced (default true). */
  restorePrevious?: boolean;
  /** Apply what meets no conflict even when some types conflict (see reconcileCallbacks). */
  partial?: boolean;
  /** Keeps the replaced URLs as they change, action by action, so a failure halfway loses none. */
  saveReplaced?: SaveReplaced;
}

/** Persists the replaced URLs; a failure stops the run before the URL it would remember is displaced. */
export type SaveReplaced = (replaced: ReplacedCallbacks) => Promise<void>;

export interface CallbackResult {
  state: 'enabled' | 'conflict' | 'kept';
  /** Present for 'conflict' and 'kept': the foreign rows, credentials masked. */
  conflicts?: CallbackRow[];
  /** URLs we replaced, to keep in settings (never logged); restored on removal. */
  replaced: ReplacedCallbacks;
}

export interface CallbackRemoval {
  removed: EventType[];
  restored: EventType[];
  replaced: ReplacedCallbacks;
}

type CallbackErrorCode = 'callback_not_confirmed' | 'callback_race' | 'callback_incomplete' | 'callback_rotation_pending';

export class CallbackRegistrationError extends CodedError<CallbackErrorCode> {
  /** With 'callback_incomplete': the replaced URLs as they stand after the changes that were made. */
  readonly replaced?: ReplacedCallbacks;
  constructor(code: CallbackErrorCode, message: string, options: { cause?: unknown; replaced?: ReplacedCallbacks } = {}) {
    super(code, message, { cause: options.cause });
    this.name = 'CallbackRegistrationError';
    if (options.replaced) this.replaced = options.replaced;
  }
}

export { listCallbacks };

/** enableSend: register our URL for the selected types, following the operator's conflict choice. */
export async function registerCallbacks(rest: MailjetRest, registration: CallbackRegistration): Promise<CallbackResult> {
  const { plan, replaced } = await runCallbackChanges(rest, registration, []);
  return plan.state === 'enabled' ? { state: 'enabled', replaced } : { state: plan.state, conflicts: plan.conflicts, replaced };
}

/** List, plan and apply; when rows change under us, re-list and re-plan from what already succeeded. */
async function runCallbackChanges(
  rest: MailjetRest,
  registration: CallbackRegistration,
  done: CallbackAction[],
): Promise<{ plan: CallbackPlan; replaced: ReplacedCallbacks }> {
  let replaced = registration.replacedBefore;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const existing = await listCallbacks(rest);
    const plan = planCallbackChanges({ ...registration, existing, replacedBefore: replaced });
    const applied = await applyCallbackPlan(rest, plan, replaced, done, registration.saveReplaced);
    replaced = applied.replaced;
    if (applied.complete) return { plan, replaced };
  }
  throw new CallbackRegistrationError(
    'callback_race',
    "Mailjet's event callbacks kept changing while the connector registered its own (another tool may be editing them). Wait a moment and try again.",
  );
}

/**
 * setEventSelection, rotateSecret, a new public URL, while sending is on: every change that meets no
 * conflict is applied (our rows never keep a stale secret); conflicting types are reported ("ask") or
 * replaced, as the operator chose.
 */
export function reconcileCallbacks(
  rest: MailjetRest,
  registration: Omit<CallbackRegistration, 'onConflict'> & { onConflict?: ConflictChoice },
): Promise<CallbackResult> {
  return registerCallbacks(rest, { ...registration, onConflict: registration.onConflict ?? 'ask', partial: true });
}

/** disableSend: delete our rows and, unless told not to, put back the URLs we replaced. */
export async function removeCallbacks(
  rest: MailjetRest,
  removal: { isOurs: (url: string) => boolean; replacedBefore: ReplacedCallbacks; restorePrevious?: boolean; saveReplaced?: SaveReplaced },
): Promise<CallbackRemoval> {
  const done: CallbackAction[] = [];
  const { replaced } = await runCallbackChanges(rest, { ...removal, ourUrl: '', selected: [], onConflict: 'replace' }, done);
  return {
    removed: done.filter((action) => action.kind === 'delete').map((action) => action.eventType),
    restored: done.filter((action) => action.kind === 'put' || action.kind === 'post').map((action) => action.eventType),
    replaced,
  };
}

/**
 * Runs a plan's actions in order, reading each written row back, and appends each success to `done`.
 * `complete` is false when a row appeared (MJ18) or vanished (404) meanwhile: the caller re-lists.
 * Any other failure after a change was made becomes 'callback_incomplete', carrying the replaced URLs.
 */
export async function applyCallbackPlan(
  rest: MailjetRest,
  plan: CallbackPlan,
  replacedBefore: ReplacedCallbacks,
  done: CallbackAction[] = [],
  saveReplaced?: SaveReplaced,
): Promise<{ complete: boolean; replaced: ReplacedCallbacks }> {
  let replaced = replacedBefore;
  for (const action of plan.actions) {
    const after = applyReplacedEffects(replaced, [action]);
    // Write-ahead: a foreign URL is displaced only once it is remembered, so a failure (or a crash) right
    // after the PUT cannot lose it. A remembered URL whose PUT failed is harmless: the plan forgets it
    // when the row turns out to be still theirs.
    const remembers = 'remember' in action && action.remember !== undefined;
    if (remembers) await saveReplaced?.(after);
    try {
      await applyAction(rest, action);
    } catch (error) {
      if (error instanceof MailjetApiError && (error.isAlreadyExists || error.code === 'mailjet_not_found')) return { complete: false, replaced };
      throw describeIncomplete(error, done, remembers ? after : replaced);
    }
    done.push(action);
    replaced = after;
    if ('forget' in action && action.forget) await saveReplaced?.(replaced);
  }
  return { complete: true, replaced };
}

/** After some changes went through, the error says what happened and that trying again is safe. */
function describeIncomplete(error: unknown, done: readonly CallbackAction[], replaced: ReplacedCallbacks): unknown {
  const changed = done.filter((action) => action.kind !== 'adopt' && action.kind !== 'forget').length;
  if (changed === 0) return error;
  const cause = error instanceof Error ? ` (${error.message.replace(/[.\s]+$/, '')})` : '';
  return new CallbackRegistrationError(
    'callback_incomplete',
    `Mailjet failed partway through updating the event callbacks${cause}: ${changed} change${changed === 1 ? ' was' : 's were'} made before it stopped. ` +
      'The endpoints replaced so far are remembered, so Disable sending still puts them back. It is safe to try again: the connector picks up where it stopped.',
    { cause: error, replaced },
  );
}

async function applyAction(rest: MailjetRest, action: CallbackAction): Promise<void> {
  switch (action.kind) {
    case 'adopt':
    case 'forget':
      return;
    case 'delete':
      await deleteCallback(rest, action.id);
      return;
    case 'post': {
      const id = await createCallback(rest, action);
      if (id === undefined) throw notConfirmed(action.eventType);
      await confirmRow(rest, id, action, { alive: true });
      return;
    }
    case 'put':
      await updateCallbackUrl(rest, action.id, action);
      await confirmRow(rest, action.id, action);
      return;
  }
}

/**
 * docs/mailjet-segment-contracts.md#eventcallbackurl: read Version back after writing it; Mailjet must hold exactly the URL we asked for, and a
 * row we created must be live (a suspended one would never be posted to).
 */
async function confirmRow(
  rest: MailjetRest,
  id: number,
  action: { eventType: EventType; url: string; version: number },
  expect: { alive?: boolean } = {},
): Promise<void> {
  const row = await readCallback(rest, id);
  const live = !expect.alive || row?.Status === undefined || row.Status === 'alive';
  if (!row || row.Url !== action.url || row.Version !== action.version || !live) throw notConfirmed(action.eventType);
}

function notConfirmed(type: EventType): CallbackRegistrationError {
  return new CallbackRegistrationError(
    'callback_not_confirmed',
    `Mailjet did not keep the callback for "${type}" events as written (URL, Version or live status differ when read back). Try again; if it persists, check the event callbacks in Mailjet's account settings.`,
  );
}
