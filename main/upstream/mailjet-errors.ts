// MailjetApiError: every way a Mailjet REST call can fail, as a stable code plus a sentence that says
// what to do next. Never carries the API keys, the Authorization header or a callback URL's password.
import { redactUrlCredentials } from '../logging/secret-masking';

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

export interface MailjetErrorDetails {
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  /** The "METHOD resource" that failed, e.g. "POST eventcallbackurl" (never a URL with userinfo). */
  operation: string;
  retryAfterMs?: number;
  /** Mailjet's own ErrorMessage (e.g. "MJ18 … already exists"), credentials in URLs masked. */
  upstreamMessage?: string;
  /** Mailjet's ErrorInfo, which can be an object listing bad properties. */
  upstreamInfo?: unknown;
}

export class MailjetApiError extends Error {
  readonly code: MailjetErrorCode;
  readonly status: number;
  readonly operation: string;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly upstreamMessage: string | undefined;
  readonly upstreamInfo: unknown;

  constructor(code: MailjetErrorCode, details: MailjetErrorDetails) {
    super(describe(code, details));
    this.name = 'MailjetApiError';
    this.code = code;
    this.status = details.status;
    this.operation = details.operation;
    this.retryAfterMs = details.retryAfterMs;
    this.upstreamMessage = details.upstreamMessage === undefined ? undefined : redactUrlCredentials(details.upstreamMessage);
    this.upstreamInfo = details.upstreamInfo;
    this.retryable = isRetryable(code, details.status);
  }

  /** Mailjet's MJ18: a row with the same unique value (callback type, list name) already exists. */
  get isAlreadyExists(): boolean {
    return this.status === 400 && /\bMJ18\b|already exists/i.test(this.upstreamMessage ?? '');
  }
}

/**
 * docs/architecture.md#delivery-rules: network errors, 408, 429 and 5xx are retried; other 4xx are not. A 2xx
 * whose body is not JSON (a proxy's page, a truncated reply) is a transport hiccup, so it is retried too.
 */
function isRetryable(code: MailjetErrorCode, status: number): boolean {
  return code === 'mailjet_unreachable' || code === 'mailjet_bad_response' || status === 408 || status === 429 || status >= 500;
}

export function errorCodeForStatus(status: number): MailjetErrorCode {
  if (status === 401 || status === 403) return 'mailjet_credentials_invalid';
  if (status === 404) return 'mailjet_not_found';
  if (status === 429) return 'mailjet_rate_limited';
  if (status === 408 || status >= 500) return 'mailjet_unavailable';
  if (status === 400) return 'mailjet_bad_request';
  return 'mailjet_rejected';
}

function describe(code: MailjetErrorCode, { status, operation, upstreamMessage, retryAfterMs }: MailjetErrorDetails): string {
  const said = upstreamMessage ? ` Mailjet said: "${redactUrlCredentials(upstreamMessage)}".` : '';
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
      return `Mailjet could not be reached (${operation}). Check this machine's internet connection, proxy or firewall, and MJSC_MAILJET_API_URL if you set it.`;
    case 'mailjet_bad_response':
      return `Mailjet answered ${operation} with something that is not the JSON it documents (HTTP ${status}), often a proxy's page or a cut-off reply. The connector retries; if it persists, check the proxy between this machine and Mailjet.`;
  }
}
