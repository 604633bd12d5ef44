// A Mailjet REST v3 + Event API stand-in on 127.0.0.1: seed it, point a client at `url`, read what it got.
// It imports nothing from main/: it is the independent yardstick the product is tested against.
import { listenOnLoopback, sendBody, type RecordedRequest } from '../emulator-http.js';
import { FaultPlan, applyFault, type Fault, type RouteMatch } from '../http-faults.js';
import { fixtureCampaigns, fixtureMessages, fixtureNewsletters } from '../fixtures/mailjet-lookups.js';
import { bulkJobRoutes, BulkJobRunner } from './bulk-jobs.js';
import { callbackRoutes, createCallback } from './callback-routes.js';
import { contactListRoutes, defineProperty } from './contact-list-routes.js';
import { contactsRoutes } from './contacts-routes.js';
import { emitEvents, type EmitOptions, type EmitReport, type MailjetEventInput } from './event-sender.js';
import { lookupRoutes } from './lookup-routes.js';
import { answerRest } from './rest-router.js';
import { errorBody } from './rest-shapes.js';
import { MailjetStore, type BulkJobRow, type CallbackRow, type CampaignRow, type ContactListRow, type Datatype, type Membership, type MessageRow, type NewsletterRow, type PropertyRow } from './store.js';

export interface MailjetEmulatorOptions {
  port?: number;
  apiKey?: string;
  secretKey?: string;
  apiKeyId?: number;
  /** Time from Allocated to Completed for managemanycontacts jobs (default 50 ms). */
  jobDelayMs?: number;
  /** Refuse managemanycontacts jobs of more contacts with 413 (default: no limit). */
  maxContactsPerJob?: number;
  /** The event sender's retry schedule, compressed from Mailjet's 30 s x 24 h (default 20, 40, 80 ms). */
  eventRetryDelaysMs?: number[];
  /** Seed the campaigns, newsletters and messages of fixtures/mailjet-lookups.ts. */
  seedFixtures?: boolean;
  now?: () => Date;
}

export type ContactListView = ContactListRow & { SubscriberCount: number };

export interface ContactView {
  ID: number;
  Email: string;
  Name: string;
  IsExcludedFromCampaigns: boolean;
  Properties: Record<string, string>;
  Lists: Membership[];
}

export interface ContactSeed {
  Email: string;
  Name?: string;
  Properties?: Record<string, string | number | boolean>;
  Lists?: { ListID: number; IsUnsub?: boolean }[];
}

export interface MailjetEmulator {
  readonly url: string;
  readonly apiKey: string;
  readonly secretKey: string;
  readonly requests: readonly RecordedRequest[];
  readonly lists: ContactListView[];
  readonly properties: PropertyRow[];
  readonly contacts: ContactView[];
  readonly callbacks: CallbackRow[];
  readonly jobs: BulkJobRow[];
  contact(email: string): ContactView | undefined;
  seedList(input: { Name: string; Address?: string; IsDeleted?: boolean }): ContactListView;
  seedProperty(input: { Name: string; Datatype: Datatype; NameSpace?: 'static' | 'historic' }): PropertyRow;
  seedContact(input: ContactSeed): ContactView;
  seedCallback(input: { EventType: string; Url: string; IsBackup?: boolean; Status?: 'alive' | 'dead'; Version?: 1 | 2 }): CallbackRow;
  seedCampaign(row: CampaignRow): void;
  seedNewsletter(row: NewsletterRow): void;
  seedMessage(row: Omit<MessageRow, 'ID'> & { ID: bigint | number | string }): void;
  /** The next bulk job ends with this status and imports nothing. */
  failNextJob(status?: 'Error' | 'Abort', error?: string): void;
  inject(match: RouteMatch, fault: Fault): void;
  clearFaults(): void;
  /** Clears the request log (state stays). */
  clearRequests(): void;
  emit(events: MailjetEventInput[], options?: EmitOptions): Promise<EmitReport>;
  stop(): Promise<void>;
}

function contactView(store: MailjetStore, email: string): ContactView | undefined {
  const row = store.findContact(email);
  if (row === undefined) return undefined;
  return {
    ID: row.ID,
    Email: row.Email,
    Name: row.Name,
    IsExcludedFromCampaigns: row.IsExcludedFromCampaigns,
    Properties: Object.fromEntries(row.Properties),
    Lists: [...row.Lists.values()].map((membership) => ({ ...membership })),
  };
}

export async function startMailjetEmulator(options: MailjetEmulatorOptions = {}): Promise<MailjetEmulator> {
  const apiKey = options.apiKey ?? '6d61696c6a65742d656d756c61746f72';
  const secretKey = options.secretKey ?? '7365637265742d656d756c61746f7221';
  const store = new MailjetStore(options.apiKeyId ?? 77_001, options.now ?? (() => new Date()));
  const requests: RecordedRequest[] = [];
  const faults = new FaultPlan();
  let baseUrl = '';
  const runner = new BulkJobRunner(store, { delayMs: options.jobDelayMs ?? 50, baseUrl: () => baseUrl, maxContacts: options.maxContactsPerJob });
  const routes = [...contactListRoutes, ...contactsRoutes, ...bulkJobRoutes(runner), ...callbackRoutes, ...lookupRoutes];
  const faultBody = (status: number): string => JSON.stringify(errorBody(status, status === 429 ? 'Too many requests' : 'Internal server error'));

  const server = await listenOnLoopback(
    requests,
    async (request, res) => {
      const fault = faults.take(request);
      if (fault !== undefined && (await applyFault(fault, request, res, faultBody)) === 'answered') return;
      const answer = answerRest(request, routes, store, { apiKey, secretKey });
      sendBody(res, answer.status, answer.body, answer.headers);
    },
    options.port ?? 0,
  );
  baseUrl = server.url;

  const emulator: MailjetEmulator = {
    url: server.url,
    apiKey,
    secretKey,
    requests,
    get lists() {
      return [...store.lists.values()].map((list) => store.listView(list));
    },
    get properties() {
      return [...store.properties.values()].map((row) => ({ ...row }));
    },
    get contacts() {
      return [...store.contacts.values()].flatMap((row) => contactView(store, row.Email) ?? []);
    },
    get callbacks() {
      return [...store.callbacks.values()].map((row) => ({ ...row }));
    },
    get jobs() {
      return [...store.jobs.values()].map((job) => ({ ...job, errors: job.errors.map((error) => ({ ...error })) }));
    },
    contact: (email) => contactView(store, email),
    seedList: ({ Name, Address, IsDeleted }) => {
      const list = store.createList(Name, Address);
      list.IsDeleted = IsDeleted ?? false;
      return store.listView(list);
    },
    seedProperty: (input) => defineProperty(store, input),
    seedContact: ({ Email, Name, Properties, Lists }) => {
      const row = store.upsertContact(Email, Name);
      for (const [name, value] of Object.entries(Properties ?? {})) row.Properties.set(name, String(value));
      for (const { ListID, IsUnsub } of Lists ?? []) row.Lists.set(ListID, { ListID, IsUnsub: IsUnsub ?? false, SubscribedAt: store.timestamp() });
      return contactView(store, Email) as ContactView;
    },
    seedCallback: (input) => createCallback(store, input),
    seedCampaign: (row) => void store.campaigns.set(row.ID, { ...row }),
    seedNewsletter: (row) => void store.newsletters.set(row.ID, { ...row }),
    seedMessage: (row) => {
      const id = BigInt(row.ID);
      store.messages.set(id.toString(), { ...row, ID: id });
    },
    failNextJob: (status, error) => runner.failNextJob(status, error),
    inject: (match, fault) => faults.inject(match, fault),
    clearFaults: () => faults.clear(),
    clearRequests: () => void requests.splice(0, requests.length),
    emit: (events, emitOptions = {}) =>
      emitEvents(store, events, {
        retryDelaysMs: emitOptions.retryDelaysMs ?? options.eventRetryDelaysMs ?? [20, 40, 80],
        timeoutMs: emitOptions.timeoutMs ?? 5_000,
      }),
    stop: async () => {
      runner.stop();
      await server.stop();
    },
  };
  if (options.seedFixtures === true) {
    fixtureNewsletters.forEach((row) => emulator.seedNewsletter(row));
    fixtureCampaigns.forEach((row) => emulator.seedCampaign(row));
    fixtureMessages.forEach((row) => emulator.seedMessage(row));
  }
  return emulator;
}
