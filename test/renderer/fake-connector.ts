// A stateful, typed stand-in for the back end, for component tests: it keeps keys, lists, the
// event selection and activity, records every call, and fails or stalls a method on demand.
import type {
  BackfillChunk, BackfillProgress, BackfillStart,
  Activity, ActivityItem, ActivityQuery, CallbackRow, ConnectionInfo, ConnectorApi, ConnectorArg,
  ConnectorMethod, ContactList, DiscardResult, EnableSendResult, EventPreview, IdentifyPreview, ItemDetails,
  QueueCounts, ReplayResult, Status,
} from '../../shared/api';
import { DEFAULT_EVENT_SELECTION, type EventType } from '../../shared/event-catalog';
import { ConnectorError, type ConnectorErrorCode } from '../../renderer/connector-error';
import { fakeBackfill } from './fake-backfill';

export { fakeBackfill };

export type RecordedCall = { method: ConnectorMethod; arg: unknown };

const zeroCounts = (): QueueCounts => ({ pending: 0, inFlight: 0, delivered: 0, failed: 0, skipped: 0, rejected: 0 });
const mask = (secret: string): string => `••••${secret.slice(-4)}`;

export class FakeConnector implements ConnectorApi {
  readonly calls: RecordedCall[] = [];
  lists: ContactList[] = [
    { id: 11, name: 'Newsletter', subscriberCount: 1200 },
    { id: 12, name: 'Customers', subscriberCount: 87 },
    { id: 13, name: 'VIP', subscriberCount: 1 },
  ];
  /** Foreign callbacks found on Mailjet; enableSend with 'ask' reports them as a conflict. */
  foreignCallbacks: CallbackRow[] = [];
  activityItems: ActivityItem[] = [];
  perMinute: Activity['perMinute'] = [];
  identifyPreview: IdentifyPreview = { email: null, name: null, properties: {}, dropped: [] };
  eventPreview: EventPreview = { calls: [], rejected: [], filtered: [] };
  /** getItem answers from here by id; an id not in it is a 404 item_not_found. */
  itemDetails = new Map<string, ItemDetails>();
  connectionInfo: ConnectionInfo = {
    relayKey: 'rk_live_4f2a9c',
    segmentWebhookUrl: 'http://127.0.0.1:8787/segment/webhook',
    trackingApiHost: 'http://127.0.0.1:8787',
    mailjetCallbackUrl: 'https://mailjet:ev_secret@tunnel.example.com/mailjet/events',
  };
  state: Status = {
    credentials: { mailjet: 'missing', segment: 'missing', source: 'keychain' },
    receive: { enabled: false, listId: null, flattenMode: 'documented' },
    send: { enabled: false, events: [...DEFAULT_EVENT_SELECTION], namingPreset: 'default' },
    queue: { receive: zeroCounts(), send: zeroCounts() },
    relayUrl: 'http://127.0.0.1:8787',
    publicUrl: null,
  };

  private failures = new Map<ConnectorMethod, ConnectorError>();
  private holds = new Map<ConnectorMethod, Promise<void>>();

  /** The next call of `method` throws a ConnectorError with this code and message. */
  failNext(method: ConnectorMethod, code: string, message: string): void {
    // Any code, so a screen can be tested against one the table does not know yet.
    this.failures.set(method, new ConnectorError(code as ConnectorErrorCode, message));
  }

  /** Calls of `method` wait until the returned release() is called. */
  hold(method: ConnectorMethod): () => void {
    let release = (): void => undefined;
    this.holds.set(method, new Promise<void>((resolve) => { release = resolve; }));
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  callsOf<M extends ConnectorMethod>(method: M): Array<ConnectorArg<M>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.arg as ConnectorArg<M>);
  }

  /** Simulates the list being deleted in Mailjet while receiving. */
  deleteList(id: number): void {
    this.lists = this.lists.filter((l) => l.id !== id);
    this.state.receive.problem = {
      code: 'list_deleted',
      message: 'The contact list was deleted in Mailjet. Choose another list; waiting contacts will go there.',
    };
  }

  private async enter(method: ConnectorMethod, arg: unknown): Promise<void> {
    this.calls.push({ method, arg });
    await this.holds.get(method);
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }

  private snapshot(): Status {
    return structuredClone(this.state);
  }

  async getStatus(arg: Record<string, never>): Promise<Status> {
    await this.enter('getStatus', arg);
    return this.snapshot();
  }

  async saveCredentials(arg: ConnectorArg<'saveCredentials'>): Promise<Status> {
    await this.enter('saveCredentials', arg);
    const c = this.state.credentials;
    if (arg.mailjetApiKey) { c.mailjet = 'valid'; c.mailjetApiKeyMasked = mask(arg.mailjetApiKey); }
    if (arg.segmentWriteKey) { c.segment = 'present'; c.segmentWriteKeyMasked = mask(arg.segmentWriteKey); }
    return this.snapshot();
  }

  async listContactLists(arg: Record<string, never>): Promise<ContactList[]> {
    await this.enter('listContactLists', arg);
    return structuredClone(this.lists);
  }

  async enableReceive(arg: ConnectorArg<'enableReceive'>): Promise<Status> {
    await this.enter('enableReceive', arg);
    let list = 'listId' in arg ? this.lists.find((l) => l.id === arg.listId) : undefined;
    if ('createListName' in arg) {
      list = { id: 99, name: arg.createListName, subscriberCount: 0 };
      this.lists.push(list);
    }
    if (!list) throw new ConnectorError('list_not_found', 'That list no longer exists in Mailjet. Pick another list.');
    this.state.receive = { ...this.state.receive, enabled: true, listId: list.id, listName: list.name };
    delete this.state.receive.problem;
    return this.snapshot();
  }

  async disableReceive(arg: Record<string, never>): Promise<Status> {
    await this.enter('disableReceive', arg);
    this.state.receive.enabled = false;
    return this.snapshot();
  }

  async enableSend(arg: ConnectorArg<'enableSend'>): Promise<EnableSendResult> {
    await this.enter('enableSend', arg);
    if (arg.events) this.state.send.events = [...arg.events];
    const conflicts = structuredClone(this.foreignCallbacks);
    if (conflicts.length > 0 && (arg.onConflict ?? 'ask') === 'ask') {
      return { state: 'conflict', conflicts, status: this.snapshot() };
    }
    if (conflicts.length > 0 && arg.onConflict === 'keep') {
      this.state.send.problem = { code: 'conflict_kept', message: 'Sending is off because you kept the existing endpoints.' };
      return { state: 'kept', conflicts, status: this.snapshot() };
    }
    this.state.send = { ...this.state.send, enabled: true, replaced: conflicts.length ? conflicts : undefined };
    delete this.state.send.problem;
    this.foreignCallbacks = [];
    return { state: 'enabled', status: this.snapshot() };
  }

  async disableSend(arg: ConnectorArg<'disableSend'>): Promise<Status> {
    await this.enter('disableSend', arg);
    if (arg.restorePrevious) this.foreignCallbacks = this.state.send.replaced ?? [];
    this.state.send = { ...this.state.send, enabled: false, replaced: undefined };
    return this.snapshot();
  }

  async setEventSelection(arg: { events: EventType[] }): Promise<Status> {
    await this.enter('setEventSelection', arg);
    this.state.send.events = [...arg.events];
    return this.snapshot();
  }

  async setOptions(arg: ConnectorArg<'setOptions'>): Promise<Status> {
    await this.enter('setOptions', arg);
    if (arg.namingPreset) this.state.send.namingPreset = arg.namingPreset;
    if (arg.flattenMode) this.state.receive.flattenMode = arg.flattenMode;
    if (arg.publicUrl !== undefined) this.state.publicUrl = arg.publicUrl;
    return this.snapshot();
  }

  async getConnectionInfo(arg: Record<string, never>): Promise<ConnectionInfo> {
    await this.enter('getConnectionInfo', arg);
    return { ...this.connectionInfo };
  }

  async rotateSecret(arg: ConnectorArg<'rotateSecret'>): Promise<ConnectionInfo> {
    await this.enter('rotateSecret', arg);
    if (arg.which === 'relayKey') this.connectionInfo.relayKey = `${this.connectionInfo.relayKey}x`;
    return { ...this.connectionInfo };
  }

  async getActivity(arg: ActivityQuery): Promise<Activity> {
    await this.enter('getActivity', arg);
    const search = arg.search?.toLowerCase();
    const items = this.activityItems.filter(
      (i) => (!arg.direction || i.direction === arg.direction) && (!arg.status || i.status === arg.status) && (!arg.eventType || i.kind === arg.eventType)
        && (!search || [i.email, i.messageId, i.id].some((field) => field?.toLowerCase().includes(search))),
    );
    const start = arg.before === undefined ? 0 : Number(arg.before);
    const limit = arg.limit ?? 100;
    const page = items.slice(start, start + limit);
    const more = items.length > start + limit ? { nextBefore: String(start + limit) } : {};
    return structuredClone({ counts: this.countActivity(), items: page, perMinute: this.perMinute, ...more });
  }

  private countActivity(): Activity['counts'] {
    const counts = { receive: zeroCounts(), send: zeroCounts() };
    const field: Record<ActivityItem['status'], keyof QueueCounts | undefined> = {
      pending: 'pending', in_flight: 'inFlight', delivered: 'delivered', failed: 'failed', skipped: 'skipped', rejected: 'rejected', refused: undefined,
    };
    for (const item of this.activityItems) {
      const key = field[item.status];
      if (key !== undefined) counts[item.direction][key] = (counts[item.direction][key] ?? 0) + 1;
    }
    return counts;
  }

  async retryFailed(arg: { ids?: string[] }): Promise<{ retried: number }> {
    await this.enter('retryFailed', arg);
    const targets = this.activityItems.filter((i) => i.status === 'failed' && (!arg.ids || arg.ids.includes(i.id)));
    for (const item of targets) item.status = 'pending';
    return { retried: targets.length };
  }

  async previewIdentify(arg: { payload: string }): Promise<IdentifyPreview> {
    await this.enter('previewIdentify', arg);
    return structuredClone(this.identifyPreview);
  }

  async previewEvent(arg: { payload: string }): Promise<EventPreview> {
    await this.enter('previewEvent', arg);
    return structuredClone(this.eventPreview);
  }

  async sendTestEvent(arg: { eventType: EventType }): Promise<{ queued: number }> {
    await this.enter('sendTestEvent', arg);
    return { queued: 1 };
  }

  /** The URL a started tunnel gets (the fake proves it at once). */
  tunnelUrl = 'https://quiet-fox-lake.trycloudflare.com';

  async startTunnel(arg: ConnectorArg<'startTunnel'>): Promise<Status> {
    await this.enter('startTunnel', arg);
    const available = this.state.tunnel?.available ?? [];
    this.state.tunnel = { state: 'running', program: arg.program, url: this.tunnelUrl, available };
    this.state.publicUrl = this.tunnelUrl;
    this.state.publicUrlCheck = { url: this.tunnelUrl, result: 'reached', message: `${this.tunnelUrl} reaches this relay.`, checkedAt: '2026-12-01T20:00:00.000Z' };
    return this.snapshot();
  }

  async stopTunnel(arg: Record<string, never>): Promise<Status> {
    await this.enter('stopTunnel', arg);
    this.state.tunnel = { state: 'off', available: this.state.tunnel?.available ?? [] };
    return this.snapshot();
  }
  async getItem(arg: { id: string }): Promise<ItemDetails> {
    await this.enter('getItem', arg);
    const details = this.itemDetails.get(arg.id);
    if (details === undefined) throw new ConnectorError('item_not_found', `No item ${arg.id} is kept.`);
    return structuredClone(details);
  }

  async replayItems(arg: ConnectorArg<'replayItems'>): Promise<ReplayResult> {
    await this.enter('replayItems', arg);
    const targets = this.activityItems.filter((i) => arg.ids.includes(i.id) && (i.status === 'delivered' || i.status === 'failed'));
    for (const item of targets) item.status = 'pending';
    return { replayed: targets.length, notReplayed: [], asNewMessage: arg.asNewMessage ?? false };
  }

  async discardItems(arg: ConnectorArg<'discardItems'>): Promise<DiscardResult> {
    await this.enter('discardItems', arg);
    const gone = this.activityItems.filter((i) => i.status === 'failed' && (!arg.ids || arg.ids.includes(i.id)));
    this.activityItems = this.activityItems.filter((i) => !gone.includes(i));
    const receive = gone.filter((i) => i.direction === 'receive').length;
    return { discarded: gone.length, byDirection: { receive, send: gone.length - receive } };
  }

  /** History import: what getBackfill answers; startBackfill sets it from `nextBackfill(arg)`. */
  backfill: BackfillProgress | null = null;
  uploadedBytes = new Map<string, number>();
  nextBackfill = (arg: BackfillStart): BackfillProgress => fakeBackfill({ dryRun: arg.dryRun ?? false, phase: 'done', fraction: 1 });

  async uploadBackfillChunk(arg: BackfillChunk): Promise<{ uploadId: string; bytes: number }> {
    await this.enter('uploadBackfillChunk', { ...arg, data: `${arg.data.length} base64 chars` });
    const uploadId = arg.uploadId ?? `upload-${this.uploadedBytes.size + 1}`;
    const bytes = (this.uploadedBytes.get(uploadId) ?? 0) + Buffer.from(arg.data, 'base64').length;
    this.uploadedBytes.set(uploadId, bytes);
    return { uploadId, bytes };
  }

  async startBackfill(arg: BackfillStart): Promise<BackfillProgress> {
    await this.enter('startBackfill', arg);
    this.backfill = this.nextBackfill(arg);
    return structuredClone(this.backfill);
  }

  async getBackfill(arg: { id?: string }): Promise<{ backfill: BackfillProgress | null }> {
    await this.enter('getBackfill', arg);
    return { backfill: structuredClone(this.backfill) };
  }

  async cancelBackfill(arg: { id?: string }): Promise<{ backfill: BackfillProgress | null }> {
    await this.enter('cancelBackfill', arg);
    if (this.backfill !== null) this.backfill = { ...this.backfill, phase: 'cancelled' };
    return { backfill: structuredClone(this.backfill) };
  }
}
