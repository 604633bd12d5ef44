// Sends Segment calls through POST /v1/batch (docs/mailjet-segment-contracts.md#segment-tracking-api): Basic auth with the write key,
// at most 500 calls and 450 KB per request. It never logs, and no error it throws holds the write key.
import { CodedError } from '../errors/coded-error';

export type SegmentErrorCode =
  | 'segment_write_key_missing'
  | 'segment_write_key_invalid'
  | 'segment_rate_limited'
  | 'segment_unavailable'
  | 'segment_rejected'
  | 'segment_unreachable';

/** How a send failed: no key to send with, no answer (network or timeout), or an HTTP refusal. */
export type SegmentFailureKind = 'no_credentials' | 'network' | 'timeout' | 'http';

/** Retryable or not is the code's, in the one table (main/errors). */
export class SegmentApiError extends CodedError<SegmentErrorCode> {
  readonly kind: SegmentFailureKind;
  /** HTTP status, when an answer arrived. */
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: SegmentErrorCode, failure: { kind: SegmentFailureKind; status?: number; retryAfterMs?: number }) {
    super(code, describe(code, failure.status, failure.retryAfterMs));
    this.name = 'SegmentApiError';
    this.kind = failure.kind;
    this.status = failure.status;
    this.retryAfterMs = failure.retryAfterMs;
  }
}

export interface SegmentBatchSenderOptions {
  /** e.g. https://api.segment.io (MJSC_SEGMENT_API_URL). */
  baseUrl: string;
  /** Read on every send, so a newly saved key takes effect without a restart. */
  writeKey: () => string | undefined | Promise<string | undefined>;
  fetch?: typeof fetch;
  /** Per request; default 15 s. A timeout counts as unreachable (retryable). */
  timeoutMs?: number;
  now?: () => number;
}

export interface SegmentBatchSender {
  /**
   * Posts one batch of calls, each already serialized (callers measured them to split with
   * splitIntoBatches, so they keep the string, not the object tree, while the batch waits); throws SegmentApiError.
   */
  sendBatch(calls: readonly string[]): Promise<void>;
}

export const MAX_BATCH_CALLS = 500;
export const MAX_BATCH_BYTES = 450 * 1024;
/** Segment refuses a single call above 32 KB. */
export const MAX_CALL_BYTES = 32 * 1024;
// Room for `{"batch":[`, `],"sentAt":"…"}`.
const ENVELOPE_BYTES = 64;

export interface BatchLimits {
  maxCalls: number;
  maxBytes: number;
}

/** Splits serialized calls into batches by count and size, keeping order; returns indices into `sizes`. */
export function splitIntoBatches(sizes: readonly number[], limits: BatchLimits = { maxCalls: MAX_BATCH_CALLS, maxBytes: MAX_BATCH_BYTES }): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = ENVELOPE_BYTES;
  sizes.forEach((size, index) => {
    // +1 for the comma between calls.
    if (current.length > 0 && (current.length >= limits.maxCalls || bytes + size + 1 > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    current.push(index);
    bytes += size + 1;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

export function createSegmentBatchSender(options: SegmentBatchSenderOptions): SegmentBatchSender {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const now = options.now ?? Date.now;
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/batch`;

  return {
    async sendBatch(calls) {
      const writeKey = await options.writeKey();
      if (writeKey === undefined || writeKey === '') throw new SegmentApiError('segment_write_key_missing', { kind: 'no_credentials' });
      const body = `{"batch":[${calls.join(',')}],"sentAt":${JSON.stringify(new Date(now()).toISOString())}}`;
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        // Drain the body so the connection can be reused.
        await response.arrayBuffer();
      } catch (error) {
        // The cause is not echoed: it can name the request URL.
        throw new SegmentApiError('segment_unreachable', { kind: error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network' });
      }
      if (response.ok) return;
      throw new SegmentApiError(codeForStatus(response.status), { kind: 'http', status: response.status, retryAfterMs: parseRetryAfter(response.headers, now()) });
    },
  };
}

function codeForStatus(status: number): SegmentErrorCode {
  if (status === 401 || status === 403) return 'segment_write_key_invalid';
  if (status === 429) return 'segment_rate_limited';
  if (status === 408 || status >= 500) return 'segment_unavailable';
  return 'segment_rejected';
}

/** Retry-After (seconds or HTTP date), else X-RateLimit-Reset (unix seconds), as Segment documents. */
function parseRetryAfter(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - nowMs);
  return undefined;
}

function describe(code: SegmentErrorCode, status: number | undefined, retryAfterMs: number | undefined): string {
  switch (code) {
    case 'segment_write_key_missing':
      return 'No Segment write key is saved. Enter it under Setup and save it; queued events are sent then.';
    case 'segment_write_key_invalid':
      return `Segment refused the write key (HTTP ${status}). Copy the write key of your Segment source again and save it, then retry the failed events.`;
    case 'segment_rate_limited':
      return `Segment is rate-limiting this source (HTTP 429). The connector retries${retryAfterMs === undefined ? ' shortly' : ` in ${Math.ceil(retryAfterMs / 1000)} s`}.`;
    case 'segment_unavailable':
      return `Segment is temporarily unavailable (HTTP ${status}). The connector retries; if it persists, check https://status.segment.com.`;
    case 'segment_rejected':
      return `Segment refused the event (HTTP ${status}); it is not retried. Check the event in Activity, fix its source, and retry it.`;
    case 'segment_unreachable':
      return 'Segment could not be reached. Check this machine\'s internet connection, proxy or firewall, and MJSC_SEGMENT_API_URL if you set it.';
  }
}
