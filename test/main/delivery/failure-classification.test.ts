// Which failures are retried, which fail at once, which mark the keys bad (docs/architecture.md#delivery-rules).
import { classifyFailure, failureKindForStatus } from '../../../main/delivery/failure-classification';
import { BulkJobLostError, BulkJobTimeoutError } from '../../../main/upstream/mailjet/contact-upserts';
import { MailjetApiError } from '../../../main/upstream/mailjet/mailjet-api-error';
import { SegmentApiError } from '../../../main/upstream/segment-batch-sender';

describe('failureKindForStatus', () => {
  it.each([
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
    const failure = classifyFailure(new MailjetApiError('mailjet_rate_limited', { kind: 'http', status: 429, method: 'POST', path: 'contactslist/1/managecontact', resource: 'list_contacts', retryAfterMs: 2_000 }));
    expect(failure).toMatchObject({ kind: 'retryable', code: 'mailjet_rate_limited', retryAfterMs: 2_000 });
    expect(failure.reason).toMatch(/rate-limiting/);
  });

  it('retries while a key is missing (a setup step), rather than failing', () => {
    expect(classifyFailure(new SegmentApiError('segment_write_key_missing', { kind: 'no_credentials' })).kind).toBe('retryable');
    expect(classifyFailure(new MailjetApiError('mailjet_credentials_missing', { kind: 'no_credentials', method: 'GET', path: 'contactmetadata', resource: 'contact_metadata' })).kind).toBe('retryable');
  });

  it.each([
    ['a network error', new MailjetApiError('mailjet_unreachable', { kind: 'network', method: 'GET', path: 'contactmetadata', resource: 'contact_metadata' })],
    ['a Segment timeout', new SegmentApiError('segment_unreachable', { kind: 'timeout' })],
    ['a bulk job that never finished', new BulkJobTimeoutError(600_000)],
    ['a bulk job Mailjet lost', new BulkJobLostError('42')],
  ])('retries %s by its code, with no HTTP status to fake', (_case, error) => {
    expect(classifyFailure(error).kind).toBe('retryable');
  });

  it('retries an unexpected error and masks any URL credentials in its text', () => {
    const failure = classifyFailure(new Error('fetch https://mailjet:s3cretValue@relay.example/x failed'));
    expect(failure.kind).toBe('retryable');
    expect(failure.reason).not.toContain('s3cretValue');
  });
});
