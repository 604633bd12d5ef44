import { parseJsonLossless } from '../../shared/json-lossless';
import { EventBodyShapeError, parseMailjetEvents } from '../../shared/mailjet-event';
import { readFixtureText } from '../fixtures/fixture-text';

const parseText = (text: string) => parseMailjetEvents(parseJsonLossless(text));

describe('parseMailjetEvents', () => {
  it.each([
    ['sent', '19421777835146490'],
    ['open', '19421777396190490'],
    ['click', '19421777836302490'],
    ['bounce', '13792286917004336'],
    ['spam', '13792286917004336'],
    ['blocked', '13792286917004336'],
    ['unsub', '20547674933128000'],
  ])('accepts the single %s body (Version 1) with its exact MessageID', (type, messageId) => {
    const { events, rejected } = parseText(readFixtureText(`mailjet/${type}.json`));
    expect(rejected).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: type, MessageID: messageId });
  });

  it('keeps MessageID 19421777835146491 exactly when it arrives as a raw number', () => {
    const { events } = parseText('{"event":"open","time":1,"email":"a@b.co","MessageID":19421777835146491}');
    expect(events[0]?.MessageID).toBe('19421777835146491');
  });

  it('keeps MessageID 19421777835146491 exactly when it arrives as a string', () => {
    const { events } = parseText('{"event":"open","time":1,"email":"a@b.co","MessageID":"19421777835146491"}');
    expect(events[0]?.MessageID).toBe('19421777835146491');
  });

  it('normalises every id to a string and keeps the other fields', () => {
    const { events } = parseText(readFixtureText('mailjet/unsub.json'));
    expect(events[0]).toMatchObject({
      mj_campaign_id: '7276',
      mj_contact_id: '126',
      mj_list_id: '1',
      time: 1433334941,
      geo: 'FR',
      Payload: '{"order":42}',
    });
    // mj_message_id is deprecated and never forwarded.
    const sent = parseText(readFixtureText('mailjet/sent.json')).events[0];
    expect(sent).not.toHaveProperty('mj_message_id');
  });

  it('accepts a grouped array (Version 2) that mixes event types', () => {
    const { events, rejected } = parseText(readFixtureText('mailjet/grouped-mixed.json'));
    expect(rejected).toEqual([]);
    expect(events.map((e) => [e.event, e.MessageID, e.mj_campaign_id])).toEqual([
      ['open', '19421777835146491', '7173'],
      ['click', '19421777835146491', '7173'],
      ['sent', '19421777835146492', '7173'],
    ]);
  });

  it('rejects each bad item on its own, with its index and a reason', () => {
    const { events, rejected } = parseText(readFixtureText('mailjet/grouped-with-bad-items.json'));
    expect(events.map((e) => e.event)).toEqual(['sent', 'click']);
    expect(rejected).toEqual([
      { index: 1, reason: expect.stringMatching(/not an event object/) },
      { index: 2, reason: 'unknown event type "delivered"' },
      { index: 3, reason: expect.stringMatching(/missing or invalid time/) },
      { index: 4, reason: 'missing or invalid email' },
      { index: 5, reason: 'missing MessageID' },
    ]);
  });

  it.each([
    ['a missing event type', { time: 1, email: 'a@b.co', MessageID: 1 }, 'missing event type'],
    ['a negative time', { event: 'open', time: -5, email: 'a@b.co', MessageID: 1 }, /invalid time/],
    ['a time that is not a number', { event: 'open', time: 'yesterday', email: 'a@b.co', MessageID: 1 }, /invalid time/],
    ['an email that is not text', { event: 'open', time: 1, email: 42, MessageID: 1 }, /invalid email/],
    ['a MessageID that is not an id', { event: 'open', time: 1, email: 'a@b.co', MessageID: 'abc' }, /invalid MessageID/],
    ['a fractional MessageID', { event: 'open', time: 1, email: 'a@b.co', MessageID: 1.5 }, /invalid MessageID/],
    ['a campaign id that is an object', { event: 'open', time: 1, email: 'a@b.co', MessageID: 1, mj_campaign_id: {} }, /invalid mj_campaign_id/],
    ['a CustomID that is an object', { event: 'open', time: 1, email: 'a@b.co', MessageID: 1, CustomID: [] }, /invalid CustomID/],
    ['null', null, /not an event object \(got null\)/],
    ['a nested array', [], /not an event object \(got an array\)/],
  ])('rejects %s', (_label, item, reason) => {
    const { events, rejected } = parseMailjetEvents([item]);
    expect(events).toEqual([]);
    expect(rejected).toEqual([{ index: 0, reason: expect.stringMatching(reason) }]);
  });

  it('accepts a time sent as digits and a numeric CustomID from old payloads', () => {
    const { events } = parseMailjetEvents([{ event: 'open', time: '1433103519', email: ' a@b.co ', MessageID: 7, CustomID: 12 }]);
    expect(events[0]).toMatchObject({ time: 1433103519, email: 'a@b.co', MessageID: '7', CustomID: '12' });
  });

  it('drops null ids rather than forwarding "null"', () => {
    const { events } = parseMailjetEvents({ event: 'open', time: 1, email: 'a@b.co', MessageID: 7, mj_campaign_id: null });
    expect(events[0]).not.toHaveProperty('mj_campaign_id');
  });

  it('accepts an empty array', () => {
    expect(parseMailjetEvents([])).toEqual({ events: [], rejected: [] });
  });

  it.each([['a string', 'sent'], ['a number', 42], ['null', null], ['true', true]])(
    'refuses a body that is %s with code bad_shape',
    (_label, body) => {
      expect(() => parseMailjetEvents(body)).toThrow(EventBodyShapeError);
      try {
        parseMailjetEvents(body);
      } catch (error) {
        expect((error as EventBodyShapeError).code).toBe('bad_shape');
      }
    },
  );
});
