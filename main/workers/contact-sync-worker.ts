// The Segment -> Mailjet worker: maps queued identify calls to contacts, defines missing properties,
// and upserts them into the chosen list, one contact per email per batch (later traits win). A deleted
// list pauses the direction with every item kept pending; it never drops or re-subscribes a contact.
import type { Problem } from '../../shared/api';
import { parseJsonLossless } from '../../shared/json-lossless';
import type { FlattenMode } from '../../shared/trait-flattening';
import { mapInSlices } from '../delivery/event-loop-slices';
import { classifyFailure } from '../delivery/failure-classification';
import type { RetryableFailure, Settlement } from '../delivery/item-settlement';
import { claimInSteps, settleInSteps } from '../delivery/storage-steps';
import type { BatchOutcome } from '../delivery/worker-loop';
import type { ItemQueue, QueuedItem } from '../storage/item-queue';
import { MailjetApiError } from '../upstream/mailjet/mailjet-api-error';
import type { MailjetRest } from '../upstream/mailjet/rest-core';
import { upsertContacts, type BulkUpsertDeps } from '../upstream/mailjet/contact-upserts';
import { groupContacts } from './contact-groups';
import type { PropertyCaps } from './property-caps';
import type { PropertyDefinitions } from './property-definitions';

export interface ReceiveSettings {
  listId: number | null;
  flattenMode: FlattenMode;
  /** Caps on new Mailjet properties; the defaults of property-caps.ts when unset. */
  propertyCaps?: PropertyCaps;
}

export interface ContactSyncDeps {
  queue: Pick<ItemQueue, 'claim' | 'later' | 'supersededByDelivered'>;
  settlement: Settlement;
  rest: Pick<MailjetRest, 'request'>;
  definitions: PropertyDefinitions;
  settings: () => ReceiveSettings;
  hasCredentials: () => boolean;
  /** Reports the Mailjet keys refused (a Problem) or accepted again (undefined). */
  onCredentials: (problem: Problem | undefined) => void;
  polling?: BulkUpsertDeps['polling'];
  sleep?: BulkUpsertDeps['sleep'];
  /** Identify items per batch, so per bulk job (default CONTACTS_PER_JOB). */
  claimLimit?: number;
}

/**
 * Contacts per bulk job. Each job costs a POST and its polls, and waits at least the first poll delay
 * (250 ms), so its size sets the direction's pace: 500 per job held it near 1,600 contacts/s in
 * `npm run bench` (docs/benchmarks.md#product-fixes-found-by-the-benchmarks). Mailjet documents no
 * maximum; a peer integration sends 5,000 (docs/mailjet-segment-contracts.md#managemanycontacts).
 */
export const CONTACTS_PER_JOB = 5_000;

export interface ContactSyncWorker {
  deliverBatch(): Promise<BatchOutcome>;
  /** Why the direction is paused, if it is. */
  problem(): Problem | undefined;
}

const NO_LIST: Problem = { code: 'list_not_selected', message: 'No Mailjet contact list is chosen, so identify calls wait in the queue. Choose a list under Setup.' };
const NO_KEYS: Problem = { code: 'mailjet_credentials_missing', message: 'No Mailjet API key and secret key are saved, so identify calls wait in the queue. Save them under Setup.' };
const PROPERTY_NOT_DEFINED = /property not defined/i;

/**
 * Only a 404 on the list itself, or on an upsert into it, means the list was deleted. A 404 on a job's
 * status page (resource 'bulk_job') is about the job, not the list.
 */
function isAboutTheList(error: unknown): boolean {
  return error instanceof MailjetApiError && (error.resource === 'contact_list' || error.resource === 'list_contacts');
}

export function listDeletedProblem(listId: number): Problem {
  return {
    code: 'list_deleted',
    message: `The Mailjet contact list ${listId} no longer exists (it was deleted in Mailjet). Identify calls wait in the queue: choose another list under Setup and they go there.`,
  };
}

export function createContactSyncWorker(deps: ContactSyncDeps): ContactSyncWorker {
  const { settlement } = deps;
  let deletedListId: number | null = null;
  /** A list found deleted whose items are being put back to pending; the pause shows once they are. */
  let releasingFor: number | null = null;

  function problem(): Problem | undefined {
    const { listId } = deps.settings();
    if (listId === null) return NO_LIST;
    if (listId === deletedListId) return listDeletedProblem(listId);
    return deps.hasCredentials() ? undefined : NO_KEYS;
  }

  function readMessage(item: QueuedItem): Record<string, unknown> | undefined {
    try {
      // Intake kept `4.0` as written, so the first value's literal still decides the property's type.
      const message = parseJsonLossless(item.payload, { keepDecimalLiterals: true });
      if (typeof message === 'object' && message !== null && !Array.isArray(message)) return message as Record<string, unknown>;
    } catch {
      // Falls through to the failure below.
    }
    return undefined;
  }

  async function readMessages(items: readonly QueuedItem[]): Promise<Array<{ item: QueuedItem; message: Record<string, unknown> }>> {
    const messages = await mapInSlices(items, readMessage);
    const readable: Array<{ item: QueuedItem; message: Record<string, unknown> }> = [];
    const unreadable: QueuedItem[] = [];
    items.forEach((item, index) => {
      const message = messages[index];
      if (message === undefined) unreadable.push(item);
      else readable.push({ item, message });
    });
    settlement.fail(unreadable, 'The stored identify call could not be read back; it cannot be sent to Mailjet.');
    return readable;
  }

  /** Settles every item given; returns the ones to try again at once after a definitions refresh. */
  async function syncOnce(items: readonly QueuedItem[], listId: number, flatten: FlattenMode, mayRefresh: boolean): Promise<'done' | 'paused'> {
    const entries = await readMessages(items);
    const readable = new Set(entries.map((entry) => entry.item));
    const settled = new Set<QueuedItem>(items.filter((item) => !readable.has(item)));
    const unsettled = (): QueuedItem[] => items.filter((item) => !settled.has(item));
    try {
      const { groups, withoutEmail, notes } = await groupContacts(entries, flatten, deps.definitions, deps.settings().propertyCaps?.perCall);
      settlement.failEach(withoutEmail);
      const grouped = new Set(groups.flatMap((group) => group.items));
      entries.forEach((entry) => {
        if (!grouped.has(entry.item)) settled.add(entry.item);
      });
      const outcomes = await upsertContacts({ rest: deps.rest, polling: deps.polling, sleep: deps.sleep }, listId, groups.map((group) => group.contact));
      deps.onCredentials(undefined);
      // One write per outcome for the whole batch, not one per contact.
      const again: QueuedItem[] = [];
      const delivered: QueuedItem[] = [];
      const refused: Array<{ item: QueuedItem; reason: string }> = [];
      const retried: Array<{ item: QueuedItem; failure: RetryableFailure }> = [];
      groups.forEach((group, index) => {
        const outcome = outcomes[index] ?? { ok: false, error: new Error('no outcome for this contact') };
        if (outcome.ok) return void delivered.push(...group.items);
        const failure = classifyFailure(outcome.error);
        if (mayRefresh && PROPERTY_NOT_DEFINED.test(failure.reason)) return void again.push(...group.items);
        if (failure.kind === 'permanent') refused.push(...group.items.map((item) => ({ item, reason: `Mailjet refused this contact: ${failure.reason}` })));
        else retried.push(...group.items.map((item) => ({ item, failure })));
      });
      await settleInSteps(delivered, (step) => settlement.delivered(step, notes));
      settlement.failEach(refused);
      settlement.retryEach(retried);
      for (const item of [...delivered, ...refused.map((entry) => entry.item), ...retried.map((entry) => entry.item)]) settled.add(item);
      if (again.length === 0) return 'done';
      // Someone deleted a property in Mailjet since it was cached: read the definitions again, once.
      deps.definitions.invalidate();
      again.forEach((item) => settled.add(item));
      return await syncOnce(again, listId, flatten, false);
    } catch (error) {
      return settleWholeFailure(unsettled(), error, listId);
    }
  }

  function settleWholeFailure(items: QueuedItem[], error: unknown, listId: number): 'done' | 'paused' {
    const failure = classifyFailure(error);
    if (failure.kind === 'not_found' && isAboutTheList(error)) {
      // docs/architecture.md#delivery-rules: a deleted list is not a failure. Nothing counts as an attempt; choosing a list resumes.
      releasingFor = listId;
      settlement.release(items);
      return 'paused';
    }
    if (failure.kind === 'credentials') {
      deps.onCredentials({ code: 'mailjet_credentials_invalid', message: failure.reason });
      settlement.fail(items, failure.reason);
    } else if (failure.kind === 'permanent') {
      settlement.fail(items, failure.reason);
    } else {
      settlement.retry(items, failure);
    }
    return 'done';
  }

  /**
   * A contact's calls apply in received order: the claim brings all of an email's pending calls and
   * groupContacts merges them by id. What remains is an older call that comes back after a newer one
   * was delivered (a dead letter retried by hand): sending it would undo the newer traits, so it is
   * settled as delivered with a note instead. Returns the items still to send.
   */
  function settleSuperseded(items: readonly QueuedItem[]): QueuedItem[] {
    const newer = deps.queue.supersededByDelivered(items);
    if (newer.size === 0) return [...items];
    const notes = new Map([...newer].map(([id, newerId]) => [id, `Not sent to Mailjet: a newer identify for this email (item ${newerId}) was already delivered, and this older one would undo it.`]));
    settlement.delivered(items.filter((item) => newer.has(item.id)), notes);
    return items.filter((item) => !newer.has(item.id));
  }

  return {
    problem,
    async deliverBatch() {
      // Outcomes that storage refused earlier are recorded first (the loop calls here at least every 30 s).
      settlement.retryPending();
      const { listId, flattenMode } = deps.settings();
      if (problem() !== undefined || releasingFor !== null || listId === null) return { claimed: 0, paused: true };
      const claimed: QueuedItem[] = [];
      try {
        await claimInSteps((limit) => deps.queue.later.claim('receive', limit), deps.claimLimit ?? CONTACTS_PER_JOB, claimed);
        if (claimed.length === 0) return { claimed: 0 };
        const items = settleSuperseded(claimed);
        const result = items.length === 0 ? 'done' : await syncOnce(items, listId, flattenMode, true);
        return { claimed: claimed.length, paused: result === 'paused' };
      } catch (error) {
        // A fault on this side: what is still in flight goes back to pending rather than waiting for the lease.
        settlement.release(claimed);
        throw error;
      } finally {
        // The outcomes are written off the event loop; the job is done once they are answered. A pause
        // shows only then, so the status never says paused while its items still look in flight.
        await settlement.settled();
        if (releasingFor !== null) {
          deletedListId = releasingFor;
          releasingFor = null;
        }
      }
    },
  };
}
