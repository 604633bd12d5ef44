// The ConnectorApi contract: one async method per user action, plain objects in and out.
// Both transports (Electron IPC and the HTTP control API) bind exactly these methods; never add a
// transport-specific method here, and never let a secret other than the relay key cross it.
import type { EventType, NamingPreset } from './event-catalog';
import type { FlattenMode } from './trait-flattening';
import type { DroppedTrait } from './identify-to-contact';
import type { SegmentTrack } from './event-to-track';

import type { ActivityItem, ActivityStatus, Direction } from './activity-item';
import type { DiscardResult, ItemDetails, ReplayResult } from './inspector-api';
import type { BackfillChunk, BackfillProgress, BackfillStart } from './backfill-api';
import type { Problem } from './problem';
import type { PublicUrlCheck, TunnelProgram, TunnelStatus } from './public-url-api';

export type { EventType, NamingPreset, FlattenMode, DroppedTrait, SegmentTrack };
export type { ActivityItem, ActivityStatus, Direction, ItemStatus } from './activity-item';
export type { DiscardResult, ItemAttempt, ItemDetails, ReceivedRequest, ReplayResult, SentUpstream } from './inspector-api';
export type { Problem } from './problem';
export type { PublicUrlCheck, PublicUrlCheckResult, TunnelProgram, TunnelStatus } from './public-url-api';
export type { BackfillChunk, BackfillPhase, BackfillProgress, BackfillReason, BackfillStart } from './backfill-api';


export type MailjetCredentialState = 'missing' | 'valid' | 'invalid' | 'unverified';
/** 'present': saved, never checked (Segment has no check call); 'accepted': a delivery to Segment succeeded. */
export type SegmentCredentialState = 'missing' | 'present' | 'accepted' | 'invalid';

export interface CredentialsStatus {
  mailjet: MailjetCredentialState;
  segment: SegmentCredentialState;
  /** Masked forms for display, e.g. "••••3f9a". Never the secret itself. */
  mailjetApiKeyMasked?: string;
  segmentWriteKeyMasked?: string;
  /** Where secrets come from: the OS keychain, MJSC_* environment variables, or nowhere usable. */
  source: 'keychain' | 'env' | 'unavailable';
  problem?: Problem;
}

/**
 * pending, inFlight and failed count the items waiting now; delivered, skipped and rejected are lifetime
 * totals (their items leave the Activity list after 7 days, their counts stay).
 */
export interface QueueCounts {
  pending: number;
  inFlight: number;
  delivered: number;
  failed: number;
  /** Acknowledged but intentionally not forwarded (deselected event type, non-identify call, no email). */
  skipped: number;
  /** Refused at the door as malformed (a bad item inside an otherwise good Mailjet array). */
  rejected: number;
  /** Failed items the operator discarded (lifetime total). */
  discarded?: number;
}

export interface ReceiveStatus {
  enabled: boolean;
  listId: number | null;
  listName?: string;
  flattenMode: FlattenMode;
  problem?: Problem;
}

export interface SendStatus {
  enabled: boolean;
  events: EventType[];
  namingPreset: NamingPreset;
  /** Callback URLs we replaced and will restore on disableSend, by event type (credentials masked). */
  replaced?: CallbackRow[];
  problem?: Problem;
  /** Set when Mailjet could not reach our callback URL, so Enable sending would be refused: what to do. */
  unreachable?: Problem;
}

export interface Status {
  credentials: CredentialsStatus;
  receive: ReceiveStatus;
  send: SendStatus;
  queue: { receive: QueueCounts; send: QueueCounts };
  relayUrl: string;
  publicUrl: string | null;
  /** The latest proof of the public URL, when one is set. */
  publicUrlCheck?: PublicUrlCheck;
  tunnel?: TunnelStatus;
}

export interface ContactList {
  id: number;
  name: string;
  subscriberCount: number;
}

export interface CallbackRow {
  eventType: EventType;
  /** The URL with any userinfo password masked. */
  url: string;
}

export type ConflictChoice = 'ask' | 'keep' | 'replace';

export interface EnableSendResult {
  state: 'enabled' | 'conflict' | 'kept';
  conflicts?: CallbackRow[];
  status: Status;
}

export interface ConnectionInfo {
  /** Shown to the user as the "Segment Authentication Key". */
  relayKey: string;
  /** URL to paste into a Segment Webhooks destination. */
  segmentWebhookUrl: string;
  /** Host to give a Segment library / HTTP Tracking API destination (write key = relay key). */
  trackingApiHost: string;
  /** The URL registered on Mailjet, including `mailjet:<events secret>` userinfo. */
  mailjetCallbackUrl: string;
}

export interface ActivityMinute {
  /** ISO minute, e.g. "2026-11-27T09:14:00.000Z". */
  minute: string;
  /** Count per kind (Mailjet event type, or Segment call type) received in that minute. */
  counts: Record<string, number>;
}

export interface ActivityQuery {
  direction?: Direction;
  status?: ActivityStatus;
  /** The item's kind: a Mailjet event type (open, click…) or a Segment call type (identify…). */
  eventType?: string;
  /** Free text matched against email, userId, messageId and Mailjet MessageID. */
  search?: string;
  /** ISO times: only items received at or after `since` and before `until`. */
  since?: string;
  until?: string;
  /** The previous page's `nextBefore`: items older than the last one shown. */
  before?: string;
  limit?: number;
  /** How far back perMinute reaches, in minutes (default 60, at most 2880). */
  chartMinutes?: number;
}

export interface Activity {
  counts: { receive: QueueCounts; send: QueueCounts };
  items: ActivityItem[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextBefore?: string;
  /** Received per minute over the last hour (or chartMinutes), oldest first. */
  perMinute: ActivityMinute[];
  /** Items that failed (by when they failed) and requests refused, per minute, keyed "failed" and "refused". */
  problemsPerMinute?: ActivityMinute[];
}

export interface IdentifyPreview {
  /** null when the payload has no valid email: the contact would be skipped. */
  email: string | null;
  name: string | null;
  properties: Record<string, string | number | boolean>;
  dropped: DroppedTrait[];
  skippedReason?: string;
  /** Properties Mailjet does not have yet, with the data type each would be created with (`4.0` is a float). */
  newProperties?: Array<{ name: string; datatype: 'str' | 'int' | 'float' | 'bool' | 'datetime' }>;
}

export interface EventPreview {
  calls: SegmentTrack[];
  /** Items that would be refused, with why. */
  rejected: Array<{ index: number; reason: string }>;
  /** Items of deselected event types that would be acknowledged but not forwarded. */
  filtered: Array<{ index: number; eventType: string }>;
}

export interface ConnectorOptions {
  namingPreset?: NamingPreset;
  flattenMode?: FlattenMode;
  /** Public base URL (a tunnel) that Mailjet can reach; null clears it. */
  publicUrl?: string | null;
  /** Caps on new Mailjet contact properties created from identify traits (README "Relay"). */
  propertyCaps?: PropertyCapOptions;
}

export interface PropertyCapOptions {
  /** New properties one identify call may create (default 50). */
  perCall?: number;
  /** New properties created per UTC day (default 500). */
  perDay?: number;
}


export interface ConnectorApi {
  getStatus(arg: Record<string, never>): Promise<Status>;
  saveCredentials(arg: {
    mailjetApiKey?: string;
    mailjetSecretKey?: string;
    segmentWriteKey?: string;
  }): Promise<Status>;
  listContactLists(arg: Record<string, never>): Promise<ContactList[]>;
  enableReceive(arg: { listId: number } | { createListName: string }): Promise<Status>;
  disableReceive(arg: Record<string, never>): Promise<Status>;
  enableSend(arg: { events?: EventType[]; onConflict?: ConflictChoice }): Promise<EnableSendResult>;
  disableSend(arg: { restorePrevious?: boolean }): Promise<Status>;
  setEventSelection(arg: { events: EventType[] }): Promise<Status>;
  setOptions(arg: ConnectorOptions): Promise<Status>;
  getConnectionInfo(arg: Record<string, never>): Promise<ConnectionInfo>;
  rotateSecret(arg: { which: 'relayKey' | 'eventsSecret' }): Promise<ConnectionInfo>;
  getActivity(arg: ActivityQuery): Promise<Activity>;
  retryFailed(arg: { ids?: string[] }): Promise<{ retried: number }>;
  previewIdentify(arg: { payload: string }): Promise<IdentifyPreview>;
  previewEvent(arg: { payload: string }): Promise<EventPreview>;
  sendTestEvent(arg: { eventType: EventType }): Promise<{ queued: number }>;
  /** Starts cloudflared (quick tunnel) or ngrok, proves its URL, sets it as the public URL. */
  startTunnel(arg: { program: TunnelProgram }): Promise<Status>;
  stopTunnel(arg: Record<string, never>): Promise<Status>;
  getItem(arg: { id: string }): Promise<ItemDetails>;
  replayItems(arg: { ids: string[]; asNewMessage?: boolean }): Promise<ReplayResult>;
  /** Failed items only; every failed item when ids is omitted. */
  discardItems(arg: { ids?: string[] }): Promise<DiscardResult>;
  /** History import: upload a file in order, chunk by chunk, then start with its upload id. */
  uploadBackfillChunk(arg: BackfillChunk): Promise<{ uploadId: string; bytes: number }>;
  startBackfill(arg: BackfillStart): Promise<BackfillProgress>;
  /** The given import, else the latest one (null when none ever ran). */
  getBackfill(arg: { id?: string }): Promise<{ backfill: BackfillProgress | null }>;
  cancelBackfill(arg: { id?: string }): Promise<{ backfill: BackfillProgress | null }>;
}

export type ConnectorMethod = keyof ConnectorApi;
export type ConnectorArg<M extends ConnectorMethod> = Parameters<ConnectorApi[M]>[0];
export type ConnectorResult<M extends ConnectorMethod> = Awaited<ReturnType<ConnectorApi[M]>>;

/** Every method, in a fixed order. The `satisfies` check makes a missing or extra name a compile error. */
export const CONNECTOR_METHODS = [
  'getStatus',
  'saveCredentials',
  'listContactLists',
  'enableReceive',
  'disableReceive',
  'enableSend',
  'disableSend',
  'setEventSelection',
  'setOptions',
  'getConnectionInfo',
  'rotateSecret',
  'getActivity',
  'retryFailed',
  'previewIdentify',
  'previewEvent',
  'sendTestEvent',
  'startTunnel',
  'stopTunnel',
  'getItem',
  'replayItems',
  'discardItems',
  'uploadBackfillChunk',
  'startBackfill',
  'getBackfill',
  'cancelBackfill',
] as const satisfies readonly ConnectorMethod[];

type Exhaustive<T extends readonly string[]> = Exclude<ConnectorMethod, T[number]> extends never ? true : never;
const _allMethodsListed: Exhaustive<typeof CONNECTOR_METHODS> = true;
void _allMethodsListed;

/** IPC channel per method; the renderer never sees these names, only the preload and main/electron do. */
export const channels = Object.fromEntries(
  CONNECTOR_METHODS.map((m) => [m, `connector:${m}`]),
) as { readonly [M in ConnectorMethod]: `connector:${M}` };

/** Error shape of both transports: `{"error":{"code","message"}}` over HTTP, the same object over IPC. */
export interface ConnectorErrorBody {
  code: string;
  message: string;
}
