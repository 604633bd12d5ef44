// Which failures are retried, which fail at once, which mark the keys bad (docs/architecture.md#delivery-rules).
import { classifyFailure, failureKindForStatus } from '../../../main/delivery/failure-classification';
import { MailjetApiError } from '../../../main/upstream/mailjet-errors';
import { SegmentApiError } from '../../../main/upstream/segment-batch-sender';

describe('failureKindForStatus', () => {
  it.each([
    [0, 'retryable'],
    [408, 'retryable'],
    [429, 'retryable'],
    [500, 'retryable'],
    [503, 'retryable'],
    [400, 'permanent'],
    [413, 'permanent'],
    [422, 'permanent'],
    [401, 'credentials'],
    [403, 'credentials'],
    [404, 'not_found'],
    // A failure with a success status: the body could not be read (a proxy's page), so it is retried.
    [200, 'retryable'],
  ])('HTTP %i -> %s', (status, kind) => {
    expect(failureKindForStatus(status)).toBe(kind);
  });
});

describe('classifyFailure', () => {
  it('keeps Retry-After and the upstream message', () => {
    const failure = classifyFailure(new MailjetApiError('mailjet_rate_limited', { status: 429, operation: 'POST contactslist/1/managecontact', retryAfterMs: 2_000 }));
    expect(failure).toMatchObject({ kind: 'retryable', code: 'mailjet_rate_limited', retryAfterMs: 2_000 });
    expect(failure.reason).toMatch(/rate-limiting/);
  });

  it('retries while a key is missing (a setup step), rather than failing', () => {
    expect(classifyFailure(new SegmentApiError('segment_write_key_missing', 0)).kind).toBe('retryable');
    expect(classifyFailure(new MailjetApiError('mailjet_credentials_missing', { status: 0, operation: 'GET contactmetadata' })).kind).toBe('retryable');
  });

  it('retries an unexpected error and masks any URL credentials in its text', () => {
    const failure = classifyFailure(new Error('fetch https://mailjet:s3cretValue@relay.example/x failed'));
    expect(failure.kind).toBe('retryable');
    expect(failure.reason).not.toContain('s3cretValue');
  });
});
