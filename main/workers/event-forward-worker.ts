// The Mailjet -> Segment worker: turns queued Mailjet events into Segment track calls and sends them
// in /v1/batch requests with their stable messageIds. It never touches the contact direction, names a
// batch's campaigns in one resolver call, and a Mailjet that cannot name them delays an event only within
// a stated grace (docs/architecture.md#campaign-name), after which it goes out unnamed.
import type { Problem } from '../../shared/api';
import type { EventType, NamingPreset } from '../../shared/event-catalog';
import { mapEventToTrack, type SegmentTrack } from '../../shared/event-to-track';
import { parseJsonLossless } from '../../shared/json-lossless';
import type { MailjetEvent } from '../../shared/mailjet-event';
import { mapInSlices } from '../delivery/event-loop-slices';
import { classifyFailure } from '../delivery/failure-classification';
import type { RetryableFailure, Settlement } from '../delivery/item-settlement';
import { claimInSteps, settleInSteps } from '../delivery/storage-steps';
import type { BatchOutcome } from '../delivery/worker-loop';
import type { IdentityMap } from '../storage/identity-map';
import type { ItemQueue, QueuedItem } from '../storage/item-queue';
import { MAX_CALL_BYTES, splitIntoBatches, type SegmentBatchSender } from '../upstream/segment-batch-sender';
import type { CampaignNameResolver, CampaignResolution } from './campaign-name-resolver';

export interface SendSettings {
  selectedEvents: readonly EventType[];
  namingPreset: NamingPreset;
}

export interface LookupGrace {
  /** Attempts an event may wait for its campaign name (default 3): the last one sends it without. */
  maxAttempts: number;
  /** Time since its first attempt after which an event never waits for its campaign name (default 30 s). */
  maxWaitMs: number;
}

export const DEFAULT_LOOKUP_GRACE: Readonly<LookupGrace> = { maxAttempts: 3, maxWaitMs: 30_000 };

export interface EventForwardDeps {
  queue: Pick<ItemQueue, 'claim' | 'later'>;
  identities: IdentityMap;
  sender: SegmentBatchSender;
  resolver: CampaignNameResolver;
  settlement: Settlement;
  settings: () => SendSettings;
  hasWriteKey: () => boolean;
  now: () => number;
  /** Reports the write key refused (a Problem) or accepted again (undefined). */
  onCredentials: (problem: Problem | undefined) => void;
  lookupGrace?: LookupGrace;
  /** Items claimed per batch (default 500, one full /v1/batch). */
  claimLimit?: number;
}

export interface EventForwardWorker {
  deliverBatch(): Promise<BatchOutcome>;
  /** Why the direction is paused, if it is. */
  problem(): Problem | undefined;
}

interface Prepared {
  item: QueuedItem;
  /** The track call as JSON: serialized once to measure it, and sent as is. */
  json: string;
  size: number;
}

type Preparation = { ready: Prepared } | { fail: string; item: QueuedItem } | { retry: RetryableFailure; item: QueuedItem };
type Reading = { event: MailjetEvent; item: QueuedItem } | { fail: string; item: QueuedItem };

export const WRITE_KEY_MISSING: Problem = {
  code: 'segment_write_key_missing',
  message: 'No Segment write key is saved, so Mailjet events wait in the queue. Save the write key under Setup to send them.',
};

// Intake stores JSON.stringify of an event read by parseJsonLossless + parseMailjetEvents: every integer
// beyond 2^53 (MessageID, the ids, any unknown field) is already a digit string, and stringify writes
// each remaining number so that JSON.parse reads back the same double. So plain JSON.parse is exact and
// several times faster. A number literal of 16+ digits can only come from a row written some other way
// (an older build, a hand-made row); that row takes the lossless parser, as every row once did.
const LONG_NUMBER_LITERAL = /[:,[]-?\d{16}/;

function readStoredEvent(payload: string): MailjetEvent {
  return (LONG_NUMBER_LITERAL.test(payload) ? parseJsonLossless(payload) : JSON.parse(payload)) as MailjetEvent;
}

export function createEventForwardWorker(deps: EventForwardDeps): EventForwardWorker {
  const grace = deps.lookupGrace ?? DEFAULT_LOOKUP_GRACE;
  const { settlement } = deps;
  let paused: Problem | undefined;

  function read(item: QueuedItem, settings: SendSettings): Reading {
    let event: MailjetEvent;
    try {
      event = readStoredEvent(item.payload);
    } catch {
      return { fail: 'The stored event could not be read back; it cannot be forwarded.', item };
    }
    if (!settings.selectedEvents.includes(event.event)) {
      return { fail: `The "${event.event}" event type is no longer selected for sending, so it was not forwarded. Select it and retry to send it.`, item };
    }
    return { event, item };
  }

  /** Whether an event Mailjet could not name now may wait for it: within the attempts and the time of the grace. */
  function mayWait(item: QueuedItem, retryAfterMs: number | undefined): boolean {
    const waitedMs = deps.now() - (item.firstAttemptAt ?? deps.now());
    // A Retry-After beyond the grace would park the event past it: it goes now, unnamed, instead.
    return item.attempts + 1 < grace.maxAttempts && waitedMs + (retryAfterMs ?? 0) < grace.maxWaitMs;
  }

  /** Maps one event named as far as Mailjet could, or says how to settle it; settling waits for the whole batch. */
  function prepare(item: QueuedItem, event: MailjetEvent, resolution: CampaignResolution, settings: SendSettings, userIds: ReadonlyMap<string, string>): Preparation {
    if (resolution.status === 'unavailable' && mayWait(item, resolution.retryAfterMs)) {
      return { retry: { reason: `Waiting for Mailjet to name the campaign: ${resolution.reason}`, retryAfterMs: resolution.retryAfterMs }, item };
    }
    const names = resolution.status === 'resolved' ? resolution.names : {};
    const userId = item.email === null ? undefined : userIds.get(item.email);
    // Intake stored messageIdFor(event) with the item; hashing it again per send is the costliest step left.
    const messageId = item.messageId ?? undefined;
    const call: SegmentTrack = mapEventToTrack(event, { preset: settings.namingPreset, userId, ...names, messageId });
    const json = JSON.stringify(call);
    const size = Buffer.byteLength(json);
    if (size > MAX_CALL_BYTES) {
      return { fail: `The track call is ${Math.ceil(size / 1024)} KB, above Segment's 32 KB limit per call (a large Payload?); it cannot be sent.`, item };
    }
    return { ready: { item, json, size } };
  }

  function prepareSafely(item: QueuedItem, event: MailjetEvent, resolution: CampaignResolution, settings: SendSettings, userIds: ReadonlyMap<string, string>): Preparation {
    try {
      return prepare(item, event, resolution, settings, userIds);
    } catch (error) {
      return { retry: classifyFailure(error), item };
    }
  }

  /** The batch's campaign names in one resolver call (it never throws; if it did, nobody waits for a name). */
  async function resolveAll(events: readonly MailjetEvent[]): Promise<CampaignResolution[]> {
    try {
      return await deps.resolver.resolveMany(events);
    } catch {
      return events.map(() => ({ status: 'resolved', names: {} }));
    }
  }

  /** Reads, names and maps the claimed events; settles those that cannot go. */
  async function prepareAll(items: QueuedItem[], settings: SendSettings): Promise<Prepared[]> {
    // One identity query per batch, not one per item (a per-item SELECT showed up in `npm run bench`).
    const userIds = deps.identities.userIdsFor(items.flatMap((item) => (item.email === null ? [] : [item.email])));
    // In slices with a yield between: 500 events read and mapped in one turn held the event loop.
    const readings = await mapInSlices(items, (item) => read(item, settings));
    const readable = readings.flatMap((r) => ('event' in r ? [r] : []));
    const resolutions = await resolveAll(readable.map((r) => r.event));
    const preparations: Preparation[] = readings.flatMap((r) => ('fail' in r ? [r] : []));
    const mapped = await mapInSlices(readable.map((r, index) => ({ r, index })), ({ r, index }) =>
      prepareSafely(r.item, r.event, resolutions[index] ?? { status: 'resolved', names: {} }, settings, userIds));
    preparations.push(...mapped);
    settlement.failEach(preparations.flatMap((p) => ('fail' in p ? [{ item: p.item, reason: p.fail }] : [])));
    settlement.retryEach(preparations.flatMap((p) => ('retry' in p ? [{ item: p.item, failure: p.retry }] : [])));
    return preparations.flatMap((p) => ('ready' in p ? [p.ready] : []));
  }

  /** Sends one batch; a refused batch of several is split in halves so one bad call fails alone. */
  async function send(batch: Prepared[]): Promise<void> {
    try {
      await deps.sender.sendBatch(batch.map((entry) => entry.json));
    } catch (error) {
      const failure = classifyFailure(error);
      const items = batch.map((entry) => entry.item);
      if (failure.kind === 'credentials') {
        deps.onCredentials({ code: 'segment_write_key_invalid', message: failure.reason });
        settlement.fail(items, failure.reason);
      } else if (failure.kind === 'permanent' && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await send(batch.slice(0, half));
        await send(batch.slice(half));
      } else if (failure.kind === 'permanent') {
        settlement.fail(items, failure.reason);
      } else {
        // Retryable, and a 404 (a wrong MJSC_SEGMENT_API_URL is fixed by the user, not by giving up).
        settlement.retry(items, failure);
      }
      return;
    }
    // Delivered in steps: a retry or a dead letter stays one write, so its items keep one due time.
    await settleInSteps(batch.map((entry) => entry.item), (step) => settlement.delivered(step));
    deps.onCredentials(undefined);
  }

  /** Prepares and sends the claimed events; throws only on a fault on this side. */
  async function sendClaimed(items: QueuedItem[]): Promise<void> {
    const prepared = await prepareAll(items, deps.settings());
    for (const indices of splitIntoBatches(prepared.map((entry) => entry.size))) {
      await send(indices.map((index) => prepared[index] as Prepared));
    }
  }

  return {
    problem: () => paused,
    async deliverBatch() {
      // Outcomes that storage refused earlier are recorded first (the loop calls here at least every 30 s).
      settlement.retryPending();
      if (!deps.hasWriteKey()) {
        paused = WRITE_KEY_MISSING;
        return { claimed: 0, paused: true };
      }
      paused = undefined;
      const items: QueuedItem[] = [];
      try {
        await claimInSteps((limit) => deps.queue.later.claim('send', limit), deps.claimLimit ?? 500, items);
        if (items.length === 0) return { claimed: 0 };
        await sendClaimed(items);
      } catch (error) {
        // A fault on this side (a storage read failed): what is still in flight goes back to pending
        // rather than waiting for the claim lease.
        settlement.release(items);
        throw error;
      } finally {
        // The outcomes are written off the event loop; the batch is done once they are answered.
        await settlement.settled();
      }
      return { claimed: items.length };
    },
  };
}
