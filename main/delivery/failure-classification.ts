// Sorts an upstream failure into what the workers do with it (docs/architecture.md#delivery-rules): retry later,
// fail at once, fail and mark the credentials bad, or (a missing Mailjet list) pause the direction.
// Reasons come from the errors' own messages, passed through the log redaction before anyone stores or shows them.
import { ERROR_CODES, type ErrorCode } from '../../shared/error-codes';
import { redactUrlCredentials } from '../logging/secret-masking';
import { errorCodeOf } from '../errors/error-reply';
import { redactSecrets } from '../logging/redaction';

/** The one redaction point for upstream text (docs/architecture.md#security-rules): secrets, Authorization values, URL credentials. */
function redactReason(text: string): string {
  return redactSecrets(redactUrlCredentials(text));
}

export type FailureKind = 'retryable' | 'permanent' | 'credentials' | 'not_found';

export interface DeliveryFailure {
  kind: FailureKind;
  /** Stable code of the underlying error, e.g. "mailjet_rate_limited", "segment_unavailable". */
  code: string;
  /** Shown to the user on the failed item: what happened and what to do next. */
  reason: string;
  retryAfterMs?: number;
  /** The upstream's HTTP status (0: no answer), for the item's attempt history. */
  status?: number;
}

/** What MailjetApiError, SegmentApiError and the bulk-job errors share: a code from the one table. */
export interface UpstreamFailure {
  code: ErrorCode;
  message: string;
  /** HTTP status, when an answer arrived (absent for network errors, timeouts, missing keys). */
  status?: number;
  retryAfterMs?: number;
}

/**
 * HTTP status to action for a code the table does not mark retryable: 408, 429 and 5xx retry; 401/403
 * are the keys; 404 is "gone". A failure with a 2xx status is a success whose body could not be read
 * (a proxy's page, a cut-off reply): nothing was refused, so it is retried.
 */
export function failureKindForStatus(status: number): FailureKind {
  if ((status >= 200 && status < 300) || status === 408 || status === 429 || status >= 500) return 'retryable';
  if (status === 401 || status === 403) return 'credentials';
  if (status === 404) return 'not_found';
  return 'permanent';
}

export function isUpstreamFailure(error: unknown): error is UpstreamFailure {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Partial<UpstreamFailure>;
  return errorCodeOf(error) !== undefined && typeof candidate.message === 'string' && (candidate.status === undefined || typeof candidate.status === 'number');
}

/** A missing key is a setup step, not a refusal: retried once the key is saved. */
const AWAITING_SETUP: ReadonlySet<ErrorCode> = new Set(['mailjet_credentials_missing', 'segment_write_key_missing']);

function failureKindFor(error: UpstreamFailure): FailureKind {
  // Retryable or not is the code's (one table); the HTTP status only tells the other kinds apart.
  if (ERROR_CODES[error.code].retryable || AWAITING_SETUP.has(error.code)) return 'retryable';
  return error.status === undefined ? 'permanent' : failureKindForStatus(error.status);
}

export function classifyFailure(error: unknown): DeliveryFailure {
  if (isUpstreamFailure(error)) {
    const failure: DeliveryFailure = { kind: failureKindFor(error), code: error.code, reason: redactReason(error.message), status: error.status };
    if (error.retryAfterMs !== undefined) failure.retryAfterMs = error.retryAfterMs;
    return failure;
  }
  // Anything else is a fault on this side (a bug, a storage hiccup): retried, so nothing is lost to it.
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'retryable', code: 'internal_error', reason: `The connector hit an unexpected error (${redactReason(detail)}); it retries automatically.` };
}
