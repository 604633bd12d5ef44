// The one Mailjet REST v3 core the resource modules beside it build on: Basic auth, lossless JSON,
// typed errors (with the resource they concern) and complete paging. It never logs, and never puts the
// keys or the Authorization header in an error.
import { parseJsonLossless } from '../../../shared/json-lossless';
import { errorCodeForStatus, MailjetApiError, type MailjetResource } from './mailjet-api-error';

export interface MailjetCredentials {
  apiKey: string;
  secretKey: string;
}

export type MailjetCredentialSource = () =>
  | MailjetCredentials
  | undefined
  | Promise<MailjetCredentials | undefined>;

export interface MailjetRestOptions {
  /** e.g. https://api.mailjet.com (MJSC_MAILJET_API_URL); requests go to <baseUrl>/v3/REST/<resource>. */
  baseUrl: string;
  /** Read on every request, so saved or rotated keys take effect without a restart. */
  credentials: MailjetCredentialSource;
  fetch?: typeof fetch;
  /** Per request; default 30 s. A timeout counts as unreachable (retryable). */
  timeoutMs?: number;
  /** For Retry-After given as an HTTP date. */
  now?: () => number;
  /** Told after each 2xx answer: Mailjet accepted the keys (clears a bad-credentials state). */
  onKeysAccepted?: () => void;
}

export type QueryValue = string | number | boolean;
export type MailjetQuery = Readonly<Record<string, QueryValue | undefined>>;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface MailjetRequestOptions {
  query?: MailjetQuery;
  body?: unknown;
}

/** Mailjet's list envelope: `{"Count","Data":[…],"Total"}`. */
export interface MailjetPage<T> {
  Count: number;
  Data: T[];
  Total: number;
}

export interface MailjetRest {
  request<T>(method: HttpMethod, resource: string, options?: MailjetRequestOptions): Promise<T>;
  /** Every row of a list resource, paging with Limit=1000 (the default Limit of 10 hides rows). */
  listAll<T>(resource: string, query?: MailjetQuery): Promise<T[]>;
}

export const MAILJET_PAGE_LIMIT = 1000;
/** 1,000 pages of 1,000 rows: far beyond any account, and a bound on a misbehaving server. */
const MAX_PAGES = 1000;
const DEFAULT_TIMEOUT_MS = 30_000;

export function createMailjetRest(options: MailjetRestOptions): MailjetRest {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const root = `${options.baseUrl.replace(/\/+$/, '')}/v3/REST/`;

  async function request<T>(method: HttpMethod, resource: string, { query, body }: MailjetRequestOptions = {}): Promise<T> {
    const path = resource.replace(/^\/+/, '');
    const call = { method, path, resource: resourceOf(path) };
    const credentials = await options.credentials();
    if (!credentials || credentials.apiKey === '' || credentials.secretKey === '') {
      throw new MailjetApiError('mailjet_credentials_missing', { kind: 'no_credentials', ...call });
    }
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${credentials.apiKey}:${credentials.secretKey}`).toString('base64')}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    let text: string;
    try {
      response = await doFetch(buildUrl(root, resource, query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      // The cause (DNS, refused) is not echoed: undici messages can include the request URL.
      const kind = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network';
      throw new MailjetApiError('mailjet_unreachable', { kind, ...call });
    }

    if (response.ok) {
      options.onKeysAccepted?.();
      return parseBody<T>(text, response.status, call);
    }
    const { message, info } = readErrorBody(text);
    throw new MailjetApiError(errorCodeForStatus(response.status), {
      kind: 'http',
      status: response.status,
      ...call,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
      upstreamMessage: message,
      upstreamInfo: info,
    });
  }

  async function listAll<T>(resource: string, query: MailjetQuery = {}): Promise<T[]> {
    const rows: T[] = [];
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const result = await request<MailjetPage<T>>('GET', resource, {
        query: { ...query, Limit: MAILJET_PAGE_LIMIT, Offset: rows.length },
      });
      const data = Array.isArray(result?.Data) ? result.Data : [];
      rows.push(...data);
      const total = typeof result?.Total === 'number' ? result.Total : rows.length;
      // A full page may be followed by more even when Total disagrees; a short page past Total is the end.
      if (data.length === 0 || (data.length < MAILJET_PAGE_LIMIT && rows.length >= total)) return rows;
    }
    return rows;
  }

  return { request, listAll };
}

function buildUrl(root: string, resource: string, query: MailjetQuery | undefined): string {
  const url = new URL(resource.replace(/^\/+/, ''), root);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function parseBody<T>(text: string, status: number, call: { method: string; path: string; resource: MailjetResource }): T {
  // DELETE answers 204 with no body.
  if (text.trim() === '') return undefined as T;
  try {
    return parseJsonLossless(text) as T;
  } catch {
    throw new MailjetApiError('mailjet_bad_response', { kind: 'bad_response', status, ...call });
  }
}

const TOP_RESOURCES: Readonly<Record<string, MailjetResource>> = {
  contactslist: 'contact_list',
  eventcallbackurl: 'event_callback',
  contactmetadata: 'contact_metadata',
  campaign: 'campaign',
  newsletter: 'newsletter',
  message: 'message',
};

/** The resource a REST path concerns: contactslist/ID/managecontact is the list's contacts, .../JOB a bulk job. */
export function resourceOf(path: string): MailjetResource {
  const [top = '', , sub, job] = path.split(/[/?]/);
  if (top === 'contactslist' && (sub === 'managecontact' || sub === 'managemanycontacts')) return job === undefined || job === '' ? 'list_contacts' : 'bulk_job';
  return TOP_RESOURCES[top] ?? 'other';
}

function readErrorBody(text: string): { message?: string; info?: unknown } {
  let parsed: unknown;
  try {
    parsed = parseJsonLossless(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { ErrorMessage, ErrorInfo } = parsed as { ErrorMessage?: unknown; ErrorInfo?: unknown };
  const info = ErrorInfo === '' ? undefined : ErrorInfo;
  return { message: typeof ErrorMessage === 'string' && ErrorMessage !== '' ? ErrorMessage : undefined, info };
}

/** Retry-After is either delta-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
