// The intake table: which parsed items are queued for delivery, skipped (with why), or rejected.
import { intakeMailjetEvents, intakeSegmentMessages, MAX_REJECTED_PAYLOAD_CHARS, type DirectionState } from '../../../main/relay/intake';
import { parseJsonLossless } from '../../../shared/json-lossless';
import { parseMailjetEvents, type MailjetEvent } from '../../../shared/mailjet-event';
import { messageIdFor } from '../../../shared/message-id';
import type { SegmentMessage } from '../../../shared/segment-message';

const ALL_ON: DirectionState = { receiveEnabled: true, sendEnabled: true, selectedEvents: ['sent', 'open'] };
const identify = (traits: Record<string, unknown>): SegmentMessage => ({ type: 'identify', userId: 'u1', messageId: 'seg-1', traits });
const mailjet = (event: MailjetEvent['event']): MailjetEvent => ({ event, time: 1433333949, email: 'a@example.com', MessageID: '19421777835146491' });

describe('intakeSegmentMessages', () => {
  it.each([
    ['identify with an email', identify({ email: 'a@example.com' }), ALL_ON, { status: 'pending', email: 'a@example.com' }],
    ['identify with the email only in context.traits', { ...identify({}), context: { traits: { email: 'c@example.com' } } }, ALL_ON, { status: 'pending', email: 'c@example.com' }],
    ['identify without an email', identify({ name: 'x' }), ALL_ON, { status: 'skipped', reason: 'no valid email in traits.email or context.traits.email' }],
    ['identify while receiving is disabled', identify({ email: 'a@example.com' }), { ...ALL_ON, receiveEnabled: false }, { status: 'skipped', email: 'a@example.com', userId: 'u1', reason: 'receiving from Segment is disabled' }],
    ['a track call', { type: 'track', userId: 'u1', event: 'Paid' } as SegmentMessage, ALL_ON, { kind: 'track', status: 'skipped', reason: 'only identify calls update Mailjet' }],
  ])('%s', (_name, message, directions, expected) => {
    const [item] = intakeSegmentMessages([message], [], [message], directions);
    expect(item).toMatchObject({ direction: 'receive', kind: message.type, ...expected });
    expect(JSON.parse(item?.payload ?? '')).toEqual(message);
  });

  it('records rejected items with their reason and without a writeKey', () => {
    const raw = { type: 'identify', writeKey: 'secret-key', traits: {} };
    const items = intakeSegmentMessages([], [{ index: 0, reason: 'no userId or anonymousId' }], [raw], ALL_ON);
    expect(items).toEqual([{ direction: 'receive', kind: 'identify', status: 'rejected', reason: 'no userId or anonymousId', payload: '{"type":"identify","traits":{}}' }]);
  });
});

describe('intakeMailjetEvents', () => {
  it.each([
    ['a selected type', mailjet('sent'), ALL_ON, { status: 'pending' }],
    ['a type that is not selected', mailjet('click'), ALL_ON, { status: 'skipped', reason: 'the "click" event type is not selected for sending' }],
    ['any type while sending is disabled', mailjet('sent'), { ...ALL_ON, sendEnabled: false }, { status: 'skipped', reason: 'sending to Segment is disabled' }],
  ])('%s', (_name, event, directions, expected) => {
    const [item] = intakeMailjetEvents([event], [], [event], directions);
    expect(item).toMatchObject({ direction: 'send', kind: event.event, email: 'a@example.com', ...expected });
    expect(item?.payload).toContain('"MessageID":"19421777835146491"');
    expect(item?.messageId).toMatch(/^mj-[0-9a-f]{64}$/);
  });

  // The send worker reads payloads back with plain JSON.parse and sends the stored messageId as is.
  it('stores every integer above 2^53 as digits, so plain JSON.parse reads the payload back exactly', () => {
    const body = '{"event":"unsub","time":1433334800,"email":"a@example.com","MessageID":19421777835146491,"mj_list_id":19421777835146493,"mj_future_id":98765432109876543210,"nested":{"ids":[-19421777835146495]},"ratio":0.5}';
    const { events } = parseMailjetEvents(parseJsonLossless(body));
    const [item] = intakeMailjetEvents(events, [], events, { ...ALL_ON, selectedEvents: ['unsub'] });
    const readBack = JSON.parse(item?.payload ?? '') as MailjetEvent;
    expect(readBack).toEqual(parseJsonLossless(item?.payload ?? ''));
    expect(readBack).toMatchObject({ MessageID: '19421777835146491', mj_list_id: '19421777835146493', mj_future_id: '98765432109876543210', nested: { ids: ['-19421777835146495'] }, ratio: 0.5 });
    expect(item?.messageId).toBe(messageIdFor(readBack));
  });

  it('names a rejected item by its event field when it is a plain word, else "unknown", and truncates it', () => {
    const raws = [{ event: 'open', junk: 'z'.repeat(10_000) }, { event: '<script>' }, 42];
    const items = intakeMailjetEvents([], raws.map((_raw, index) => ({ index, reason: 'bad' })), raws, ALL_ON);
    expect(items.map((item) => item.kind)).toEqual(['open', 'unknown', 'unknown']);
    expect(items[0]?.payload.length).toBe(MAX_REJECTED_PAYLOAD_CHARS + 1);
    expect(items[2]?.payload).toBe('42');
  });
});
