// The destination function's three Mailjet REST v3 calls (contactmetadata list/create, managecontact)
// over the runtime's fetch. Every failure becomes RetryError (5xx, 408, 429, network) or ValidationError
// (other 4xx) with a message saying what to do; the keys never appear in one.
import type { MailjetDataType, PropertyValue } from '../property-types';
import type { DestinationSettings } from './function-settings';
import type { FunctionRuntime } from './function-runtime';
import { bytesToBinaryString, utf8Bytes } from './utf8-bytes';

const PAGE_SIZE = 1000;
// 20 pages = 20,000 property definitions: far above real accounts, and bounded within the 5 s budget.
const MAX_PAGES = 20;
const DATA_TYPES: readonly MailjetDataType[] = ['str', 'int', 'float', 'bool', 'datetime'];

export interface ContactUpsert {
  Email: string;
  Name?: string;
  Properties: Record<string, PropertyValue>;
}

interface CallSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** What the call was for, in words a user reads ("create the contact property \"plan\""). */
  doing: string;
  /** An answer that is not 2xx but still means success. */
  accept?: (answer: Answer) => boolean;
  /** The message for a 404, when it means something the user must fix. */
  notFound?: string;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

type Client = Pick<FunctionRuntime, 'fetch' | 'btoa' | 'RetryError' | 'ValidationError'>;

export class MailjetContactClient {
  private readonly authorization: string;

  constructor(
    private readonly settings: DestinationSettings,
    private readonly runtime: Client,
  ) {
    const credentials = `${settings.mailjetApiKey}:${settings.mailjetSecretKey}`;
    this.authorization = `Basic ${runtime.btoa(bytesToBinaryString(utf8Bytes(credentials)))}`;
  }

  /** Every static property definition by name: all pages, since the default page of 10 hides rows. */
  async listProperties(): Promise<Map<string, MailjetDataType>> {
    const known = new Map<string, MailjetDataType>();
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const answer = await this.call({ method: 'GET', path: `contactmetadata?Limit=${PAGE_SIZE}&Offset=${page * PAGE_SIZE}`, doing: 'read the contact properties' });
      const rows = Array.isArray(answer.body.Data) ? (answer.body.Data as unknown[]) : [];
      for (const row of rows) {
        const { Name, Datatype, NameSpace } = (row ?? {}) as Record<string, unknown>;
        const isStatic = NameSpace === undefined || NameSpace === 'static';
        if (typeof Name === 'string' && isStatic && DATA_TYPES.includes(Datatype as MailjetDataType)) known.set(Name, Datatype as MailjetDataType);
      }
      const total = typeof answer.body.Total === 'number' ? answer.body.Total : 0;
      if (rows.length < PAGE_SIZE || (page + 1) * PAGE_SIZE >= total) break;
    }
    return known;
  }

  /** A concurrent invocation may have created it a moment ago: "already exists" counts as done. */
  async createProperty(name: string, datatype: MailjetDataType): Promise<void> {
    await this.call({
      method: 'POST',
      path: 'contactmetadata',
      body: { Name: name, Datatype: datatype, NameSpace: 'static' },
      doing: `create the contact property "${name}"`,
      accept: (answer) => answer.status === 400 && /already exists/i.test(errorMessage(answer)),
    });
  }

  async upsertContact(contact: ContactUpsert): Promise<void> {
    const { listId } = this.settings;
    await this.call({
      method: 'POST',
      path: `contactslist/${listId}/managecontact`,
      // addnoforce keeps the contact's subscription status (docs/architecture.md#identify-to-contact).
      body: { ...contact, Action: 'addnoforce' },
      doing: `add the contact to list ${listId}`,
      notFound: `Mailjet has no contact list ${listId} (was it deleted?): set listId to an existing list in the destination settings.`,
    });
  }

  private async call(spec: CallSpec): Promise<Answer> {
    const { method, path, body, doing } = spec;
    let response;
    try {
      response = await this.runtime.fetch(`${this.settings.apiBaseUrl}/v3/REST/${path}`, {
        method,
        headers: { Authorization: this.authorization, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new this.runtime.RetryError(`Could not reach Mailjet to ${doing} (${describeNetworkError(error)}); Segment will retry.`);
    }
    const answer: Answer = { status: response.status, body: parseBody(await response.text().catch(() => '')) };
    if ((answer.status >= 200 && answer.status < 300) || spec.accept?.(answer) === true) return answer;
    throw this.failure(answer, spec);
  }

  private failure(answer: Answer, { doing, notFound }: CallSpec): Error {
    const { status } = answer;
    const detail = errorMessage(answer);
    if (status === 408 || status === 429 || status >= 500) {
      return new this.runtime.RetryError(`Mailjet answered ${status} when asked to ${doing}${detail ? `: ${detail}` : ''}; Segment will retry.`);
    }
    if (status === 401 || status === 403) {
      return new this.runtime.ValidationError(`Mailjet refused the API keys (${status}) when asked to ${doing}: check mailjetApiKey and mailjetSecretKey in the destination settings.`);
    }
    if (status === 404 && notFound !== undefined) return new this.runtime.ValidationError(notFound);
    return new this.runtime.ValidationError(`Mailjet answered ${status} when asked to ${doing}${detail ? `: ${detail}` : ''}.`);
  }
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Mailjet's `ErrorMessage`, plus `ErrorInfo` when it names the bad properties. */
function errorMessage(answer: Answer): string {
  const message = typeof answer.body.ErrorMessage === 'string' ? answer.body.ErrorMessage : '';
  const info = answer.body.ErrorInfo;
  const infoText = typeof info === 'string' ? info : typeof info === 'object' && info !== null ? JSON.stringify(info) : '';
  return [message, infoText].filter((part) => part !== '').join(' ').slice(0, 300);
}

/** Duck-typed: the fetch error comes from the runtime's realm, where `instanceof Error` can be false. */
function describeNetworkError(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message.slice(0, 200) : 'network error';
}
