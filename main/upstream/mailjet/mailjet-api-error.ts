// MailjetApiError: every way a Mailjet REST call can fail, as a stable code (retryable or not: the one
// code table decides), the typed resource it concerned, and a sentence that says what to do next.
// Never carries the API keys, the Authorization header or a callback URL's password.
import { CodedError } from '../../errors/coded-error';
import { redactUrlCredentials } from '../../logging/secret-masking';

export type MailjetErrorCode =
  | 'mailjet_credentials_missing'
  | 'mailjet_credentials_invalid'
  | 'mailjet_not_found'
  | 'mailjet_rate_limited'
  | 'mailjet_unavailable'
  | 'mailjet_bad_request'
  | 'mailjet_rejected'
  | 'mailjet_unreachable'
  | 'mailjet_bad_response';

/** What a call was about; read instead of matching paths (a 404 on a list pauses receiving). */
export type MailjetResource =
  | 'contact_list'
  | 'list_contacts'
  | 'bulk_job'
  | 'event_callback'
  | 'contact_metadata'
  | 'campaign'
  | 'newsletter'
  | 'message'
  | 'other';

/** How the call failed: no keys to send, no answer (network or timeout), an HTTP refusal, or an unreadable 2xx. */
export type MailjetFailureKind = 'no_credentials' | 'network' | 'timeout' | 'http' | 'bad_response';

export interface MailjetErrorDetails {
  kind: MailjetFailureKind;
  resource: MailjetResource;
  method: string;
  /** The REST path, e.g. "contactslist/12/managecontact": for the message only (it never holds userinfo). */
  path: string;
  /** HTTP status, when an answer arrived ('http' and 'bad_response'). */
  status?: number;
  retryAfterMs?: number;
  /** Mailjet's own ErrorMessage (e.g. "MJ18 … already exists"), credentials in URLs masked. */
  upstreamMessage?: string;
  /** Mailjet's ErrorInfo, which can be an object listing bad properties. */
  upstreamInfo?: unknown;
}

export class MailjetApiError extends CodedError<MailjetErrorCode> {
  readonly kind: MailjetFailureKind;
  readonly resource: MailjetResource;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly upstreamMessage: string | undefined;
  readonly upstreamInfo: unknown;

  constructor(code: MailjetErrorCode, details: MailjetErrorDetails) {
    super(code, describe(code, details));
    this.name = 'MailjetApiError';
    this.kind = details.kind;
    this.resource = details.resource;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.upstreamMessage = details.upstreamMessage === undefined ? undefined : redactUrlCredentials(details.upstreamMessage);
    this.upstreamInfo = details.upstreamInfo;
  }

  /** Mailjet's MJ18: a row with the same unique value (callback type, list name) already exists. */
  get isAlreadyExists(): boolean {
    return this.status === 400 && /\bMJ18\b|already exists/i.test(this.upstreamMessage ?? '');
  }

  /** Mailjet refused this request's content (a bad value, an unknown property), not the keys or the target. */
  get isContentRefusal(): boolean {
    return this.kind === 'http' && !this.retryable && this.status !== undefined && this.status >= 400 && ![401, 403, 404].includes(this.status);
  }
}

/**
 * The one place an HTTP status becomes a code (and so, through the code table, retryable or not):
 * docs/architecture.md#delivery-rules: 408, 429 and 5xx are retried; other 4xx are not.
 */
export function errorCodeForStatus(status: number): MailjetErrorCode {
  if (status === 401 || status === 403) return 'mailjet_credentials_invalid';
  if (status === 404) return 'mailjet_not_found';
  if (status === 429) return 'mailjet_rate_limited';
  if (status === 408 || status >= 500) return 'mailjet_unavailable';
  if (status === 400) return 'mailjet_bad_request';
  return 'mailjet_rejected';
}

function describe(code: MailjetErrorCode, { status, method, path, upstreamMessage, retryAfterMs, kind }: MailjetErrorDetails): string {
  const said = upstreamMessage ? ` Mailjet said: "${redactUrlCredentials(upstreamMessage)}".` : '';
  const operation = `${method} ${path}`;
  switch (code) {
    case 'mailjet_credentials_missing':
      return 'No Mailjet API key and secret key are saved. Enter them under Setup and save them.';
    case 'mailjet_credentials_invalid':
      return `Mailjet refused the API key and secret key (HTTP ${status} on ${operation}). Check both keys in your Mailjet account (Account settings > REST API keys), make sure the key is active, and save them again.`;
    case 'mailjet_not_found':
      return `Mailjet has no such item (HTTP 404 on ${operation}). It may have been deleted in Mailjet; refresh and choose again.${said}`;
    case 'mailjet_rate_limited':
      return `Mailjet is rate-limiting this account (HTTP 429 on ${operation}). The connector retries${retryAfterMs === undefined ? ' shortly' : ` in ${Math.ceil(retryAfterMs / 1000)} s`}; nothing needs doing unless it persists.`;
    case 'mailjet_unavailable':
      return `Mailjet is temporarily unavailable (HTTP ${status} on ${operation}). The connector retries; if it persists, check https://status.mailjet.com.`;
    case 'mailjet_bad_request':
      return `Mailjet refused the request (HTTP 400 on ${operation}).${said} Fix the value it names and try again.`;
    case 'mailjet_rejected':
      return `Mailjet refused the request (HTTP ${status} on ${operation}).${said} This is not retried; check the connector's settings.`;
    case 'mailjet_unreachable':
      return `Mailjet could not be reached (${operation}${kind === 'timeout' ? ', timed out' : ''}). Check this machine's internet connection, proxy or firewall, and MJSC_MAILJET_API_URL if you set it.`;
    case 'mailjet_bad_response':
      return `Mailjet answered ${operation} with something that is not the JSON it documents (HTTP ${status}), often a proxy's page or a cut-off reply. The connector retries; if it persists, check the proxy between this machine and Mailjet.`;
  }
}
