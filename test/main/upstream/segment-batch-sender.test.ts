// The /v1/batch sender against the Segment emulator: Basic auth with the write key, the 500-call and
// 450 KB limits, and each failure as a typed, retryable-or-not error that never holds the key.
import { createSegmentBatchSender, MAX_BATCH_BYTES, SegmentApiError, splitIntoBatches } from '../../../main/upstream/segment-batch-sender';
import { startSegmentEmulator, type SegmentEmulator } from '../../../emulators/segment/segment-emulator';

const WRITE_KEY = 'wk_canary_51c9e2b7a4';
let segment: SegmentEmulator;

beforeEach(async () => {
  segment = await startSegmentEmulator({ writeKeys: [WRITE_KEY] });
});
afterEach(async () => {
  await segment.stop();
});

/** A track call as the send worker hands it over: serialized. */
const track = (n: number, padding = 0) => JSON.stringify({ type: 'track', event: 'Email Opened', anonymousId: `r${n}@example.com`, messageId: `mj-${n}`, properties: { email_id: '19421777835146491', pad: 'x'.repeat(padding) } });

describe('splitIntoBatches', () => {
  it('cuts at 500 calls', () => {
    expect(splitIntoBatches(Array(1201).fill(100)).map((batch) => batch.length)).toEqual([500, 500, 201]);
  });

  it('cuts at 450 KB, keeping order', () => {
    const batches = splitIntoBatches(Array(30).fill(30 * 1024));
    expect(batches.map((batch) => batch.length)).toEqual([14, 14, 2]);
    expect(batches.flat()).toEqual([...Array(30).keys()]);
  });

  it('still sends an oversize call on its own', () => {
    expect(splitIntoBatches([MAX_BATCH_BYTES + 1, 10])).toEqual([[0], [1]]);
  });
});

describe('sendBatch', () => {
  it('delivers calls with their messageIds, authenticated by the write key', async () => {
    const sender = createSegmentBatchSender({ baseUrl: segment.url, writeKey: () => WRITE_KEY });
    const calls = Array.from({ length: 500 }, (_, n) => track(n, 800));
    await sender.sendBatch(calls);
    expect(segment.uniqueMessageIds().size).toBe(500);
    expect(segment.received[0]?.message.properties).toMatchObject({ email_id: '19421777835146491' });
    expect(segment.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`);
    expect(segment.requests[0]?.body).not.toContain(WRITE_KEY);
    // The body is valid JSON around the serialized calls, with its own sentAt.
    expect(typeof (JSON.parse(segment.requests[0]?.body ?? '') as { sentAt?: unknown }).sentAt).toBe('string');
  });

  it.each([
    ['a refused write key', { status: 401 }, 'segment_write_key_invalid', false],
    ['a rate limit', { status: 429, retryAfter: 7 }, 'segment_rate_limited', true],
    ['an outage', { status: 503 }, 'segment_unavailable', true],
    ['a reset connection', { reset: true as const }, 'segment_unreachable', true],
    ['a refused body', { status: 400 }, 'segment_rejected', false],
  ])('turns %s into %s', async (_name, fault, code, retryable) => {
    segment.inject('POST /v1/batch', fault);
    const sender = createSegmentBatchSender({ baseUrl: segment.url, writeKey: () => WRITE_KEY });
    const error = await sender.sendBatch([track(1)]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SegmentApiError);
    expect(error).toMatchObject({ code, retryable });
    if (code === 'segment_rate_limited') expect(error).toMatchObject({ retryAfterMs: 7_000 });
    expect(String((error as Error).message)).not.toContain(WRITE_KEY);
  });

  it('gives up on a hung request after its timeout, as unreachable', async () => {
    segment.inject('POST /v1/batch', { delayMs: 2_000 });
    const sender = createSegmentBatchSender({ baseUrl: segment.url, writeKey: () => WRITE_KEY, timeoutMs: 100 });
    await expect(sender.sendBatch([track(1)])).rejects.toMatchObject({ code: 'segment_unreachable', retryable: true });
  });

  it('does not call Segment without a write key', async () => {
    const sender = createSegmentBatchSender({ baseUrl: segment.url, writeKey: () => undefined });
    await expect(sender.sendBatch([track(1)])).rejects.toMatchObject({ code: 'segment_write_key_missing' });
    expect(segment.requests).toEqual([]);
  });
});
