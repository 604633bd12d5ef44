import { identifyEmail, parseSegmentPayload, SEGMENT_CALL_TYPES, type SegmentMessage } from '../../shared/segment-message';

const identify = { type: 'identify', userId: 'u-1', messageId: 'm-1', traits: { email: 'a@example.com' } };

describe('parseSegmentPayload', () => {
  it('accepts one message (Segment Webhooks destination)', () => {
    expect(parseSegmentPayload(identify)).toEqual({ messages: [identify], rejected: [] });
  });

  it('accepts a batch whose items carry their own types', () => {
    const batch = SEGMENT_CALL_TYPES.map((type, i) => ({ type, anonymousId: `anon-${i}` }));
    const parsed = parseSegmentPayload({ batch, sentAt: '2026-01-01T00:00:00Z' });
    expect(parsed.messages.map((m) => m.type)).toEqual([...SEGMENT_CALL_TYPES]);
    expect(parsed.rejected).toEqual([]);
  });

  it('takes the type from the /v1/<type> path when the body has none', () => {
    const parsed = parseSegmentPayload({ userId: 'u-1', traits: {} }, { impliedType: 'identify' });
    expect(parsed.messages).toEqual([{ type: 'identify', userId: 'u-1', traits: {} }]);
  });

  it('rejects a body type that contradicts the path', () => {
    const parsed = parseSegmentPayload({ type: 'track', userId: 'u', event: 'x' }, { impliedType: 'identify' });
    expect(parsed).toEqual({ messages: [], rejected: [{ index: 0, reason: expect.stringMatching(/\/v1\/identify/) }] });
  });

  it('picks up the writeKey from the body and keeps it out of the messages', () => {
    const single = parseSegmentPayload({ ...identify, writeKey: 'relay-key' });
    expect(single.writeKey).toBe('relay-key');
    expect(single.messages[0]).not.toHaveProperty('writeKey');
    const batch = parseSegmentPayload({ batch: [identify], writeKey: 'relay-key' });
    expect(batch.writeKey).toBe('relay-key');
    expect(batch.messages).toEqual([identify]);
  });

  it('leaves writeKey out when absent or empty', () => {
    expect(parseSegmentPayload({ ...identify, writeKey: '' })).not.toHaveProperty('writeKey');
  });

  it.each<[string, unknown, RegExp]>([
    ['no userId or anonymousId', { type: 'identify', traits: {} }, /userId or anonymousId/],
    ['empty ids', { type: 'identify', userId: '', anonymousId: null }, /userId or anonymousId/],
    ['unknown type', { type: 'purchase', userId: 'u' }, /unknown type "purchase"/],
    ['missing type', { userId: 'u' }, /missing type/],
    ['not an object', 'identify', /not an object/],
    ['an array item', [identify], /not an object/],
    ['null item', null, /not an object/],
    ['traits not an object', { type: 'identify', userId: 'u', traits: ['a'] }, /traits must be an object/],
    ['context not an object', { type: 'identify', userId: 'u', context: 'x' }, /context must be an object/],
    ['userId an object', { type: 'identify', userId: { id: 1 } }, /userId must be a string/],
    ['timestamp a number', { type: 'identify', userId: 'u', timestamp: 1700000000 }, /timestamp/],
  ])('rejects a batch item on its own: %s', (_label, item, reason) => {
    const parsed = parseSegmentPayload({ batch: [identify, item, identify] });
    expect(parsed.messages).toHaveLength(2);
    expect(parsed.rejected).toEqual([{ index: 1, reason: expect.stringMatching(reason) }]);
  });

  it('rejects a bad single message as item 0 without throwing', () => {
    expect(parseSegmentPayload({ type: 'identify' })).toEqual({
      messages: [],
      rejected: [{ index: 0, reason: expect.stringMatching(/userId or anonymousId/) }],
    });
  });

  it('keeps numeric ids as text and treats null fields as absent', () => {
    const parsed = parseSegmentPayload({ type: 'identify', userId: 42, anonymousId: null, context: null, timestamp: null });
    expect(parsed.messages).toEqual([{ type: 'identify', userId: '42' }]);
  });

  it.each<[string, unknown]>([
    ['an array', [identify]],
    ['a string', 'identify'],
    ['null', null],
    ['a number', 3],
    ['a batch that is not an array', { batch: { type: 'identify' } }],
  ])('throws bad_shape for %s', (_label, body) => {
    expect(() => parseSegmentPayload(body)).toThrow(expect.objectContaining({ code: 'bad_shape', message: expect.stringMatching(/batch/) }));
  });

  it('accepts an empty batch', () => {
    expect(parseSegmentPayload({ batch: [] })).toEqual({ messages: [], rejected: [] });
  });
});

describe('identifyEmail', () => {
  const message = (fields: Partial<SegmentMessage>): SegmentMessage => ({ type: 'identify', userId: 'u', ...fields });
  it.each<[Partial<SegmentMessage>, string | null]>([
    [{ traits: { email: 'a@example.com' } }, 'a@example.com'],
    [{ context: { traits: { email: 'c@example.com' } } }, 'c@example.com'],
    [{ traits: { email: 'bad' }, context: { traits: { email: 'c@example.com' } } }, 'c@example.com'],
    [{ traits: { email: `${'x'.repeat(250)}@example.com` } }, null],
    [{ traits: { email: 'two@@example.com' } }, null],
    [{ traits: {} }, null],
    [{}, null],
  ])('%j -> %j', (fields, email) => {
    expect(identifyEmail(message(fields))).toBe(email);
  });
});
