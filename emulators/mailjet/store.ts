// The Mailjet emulator's in-memory account: lists, property definitions, contacts, callbacks, jobs, lookups.
// Field names follow Mailjet's own (PascalCase) so a row can be answered as-is; it never touches the network.

export const datatypes = ['str', 'int', 'float', 'bool', 'datetime'] as const;
export type Datatype = (typeof datatypes)[number];

export const eventTypes = ['sent', 'open', 'click', 'bounce', 'spam', 'blocked', 'unsub'] as const;
export type EventType = (typeof eventTypes)[number];

export interface ContactListRow {
  ID: number;
  Name: string;
  Address: string;
  IsDeleted: boolean;
  CreatedAt: string;
}

export interface PropertyRow {
  ID: number;
  Name: string;
  Datatype: Datatype;
  NameSpace: 'static' | 'historic';
}

export interface Membership {
  ListID: number;
  IsUnsub: boolean;
  SubscribedAt: string;
}

export interface ContactRow {
  ID: number;
  Email: string;
  Name: string;
  CreatedAt: string;
  IsExcludedFromCampaigns: boolean;
  /** Values as Mailjet reads them back: always strings. */
  Properties: Map<string, string>;
  Lists: Map<number, Membership>;
}

export interface CallbackRow {
  ID: number;
  APIKeyID: number;
  EventType: EventType;
  Url: string;
  IsBackup: boolean;
  Status: 'alive' | 'dead';
  Version: 1 | 2;
}

export type JobStatus = 'Allocated' | 'Upload' | 'Prepare' | 'Importing' | 'Completed' | 'Error' | 'Abort';
export type ContactAction = 'addforce' | 'addnoforce' | 'remove' | 'unsub';

export interface BulkJobRow {
  JobID: number;
  ListID: number;
  Action: ContactAction;
  Status: JobStatus;
  Count: number;
  Error: string;
  ErrorFile: string;
  JobStart: string;
  JobEnd: string;
  /** Per-contact failures: visible only here and in the job, never in the POST answer. */
  errors: { Email: string; Error: string }[];
  contacts: unknown[];
}

export interface CampaignRow {
  ID: number;
  Subject: string;
  CustomValue: string;
  NewsLetterID: number;
  CampaignType: number;
  FromEmail: string;
  FromName?: string;
  CreatedAt?: string;
}

export interface NewsletterRow {
  ID: number;
  Title: string;
  Subject: string;
}

export interface MessageRow {
  /** Mailjet message ids exceed 2^53: kept as bigint and written as a raw JSON number. */
  ID: bigint;
  CampaignID: number;
  ContactID: number;
  Subject: string;
}

export class MailjetStore {
  readonly lists = new Map<number, ContactListRow>();
  readonly properties = new Map<string, PropertyRow>();
  readonly contacts = new Map<string, ContactRow>();
  readonly callbacks = new Map<number, CallbackRow>();
  readonly jobs = new Map<number, BulkJobRow>();
  readonly campaigns = new Map<number, CampaignRow>();
  readonly newsletters = new Map<number, NewsletterRow>();
  readonly messages = new Map<string, MessageRow>();
  // Distinct, realistic-looking id ranges, so a test that mixes up two kinds of id fails.
  private nextIds = { list: 10_000_001, property: 1_001, contact: 2_000_000_001, callback: 500_001, job: 90_000_001 };

  constructor(
    readonly apiKeyId: number,
    private readonly now: () => Date,
  ) {}

  timestamp(): string {
    return this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  nextId(kind: keyof MailjetStore['nextIds']): number {
    const id = this.nextIds[kind];
    this.nextIds[kind] += 1;
    return id;
  }

  /** A list that exists and is not deleted; deleted lists answer 404 everywhere (see contact-list-routes.ts). */
  liveList(id: number): ContactListRow | undefined {
    const list = this.lists.get(id);
    return list === undefined || list.IsDeleted ? undefined : list;
  }

  subscriberCount(listId: number): number {
    let count = 0;
    for (const contact of this.contacts.values()) {
      const membership = contact.Lists.get(listId);
      if (membership !== undefined && !membership.IsUnsub) count += 1;
    }
    return count;
  }

  listView(list: ContactListRow): ContactListRow & { SubscriberCount: number } {
    return { ...list, SubscriberCount: this.subscriberCount(list.ID) };
  }

  createList(name: string, address = ''): ContactListRow {
    const id = this.nextId('list');
    const list: ContactListRow = { ID: id, Name: name, Address: address || `list${id}`, IsDeleted: false, CreatedAt: this.timestamp() };
    this.lists.set(id, list);
    return list;
  }

  findContact(ref: string): ContactRow | undefined {
    if (/^\d+$/.test(ref)) {
      const id = Number(ref);
      for (const contact of this.contacts.values()) if (contact.ID === id) return contact;
      return undefined;
    }
    return this.contacts.get(ref.toLowerCase());
  }

  /** Contacts are keyed by email, so a repeated upsert updates rather than duplicates. */
  upsertContact(email: string, name: string | undefined): ContactRow {
    const existing = this.contacts.get(email.toLowerCase());
    if (existing !== undefined) {
      if (name !== undefined && name !== '') existing.Name = name;
      return existing;
    }
    const contact: ContactRow = {
      ID: this.nextId('contact'),
      Email: email,
      Name: name ?? '',
      CreatedAt: this.timestamp(),
      IsExcludedFromCampaigns: false,
      Properties: new Map(),
      Lists: new Map(),
    };
    this.contacts.set(email.toLowerCase(), contact);
    return contact;
  }
}
