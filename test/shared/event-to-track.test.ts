import { EVENT_CATALOG, NAMING_PRESETS, type EventType } from '../../shared/event-catalog';
import { campaignLookupFor, mapEventToTrack } from '../../shared/event-to-track';
import { parseJsonLossless } from '../../shared/json-lossless';
import { parseMailjetEvents, type MailjetEvent } from '../../shared/mailjet-event';
import { messageIdFor } from '../../shared/message-id';
import { readFixtureText } from '../fixtures/fixture-text';
import { TRACK_EVENT_NAMES } from '../fixtures/track-event-names';

function fixtureEvent(type: EventType): MailjetEvent {
  const [event] = parseMailjetEvents(parseJsonLossless(readFixtureText(`mailjet/${type}.json`))).events;
  if (!event) throw new Error(`fixture ${type} has no event`);
  return event;
}

function event(overrides: Partial<MailjetEvent> = {}): MailjetEvent {
  return { event: 'open', time: 1433103519, email: 'a@example.com', MessageID: '19421777835146491', ...overrides };
}

describe('mapEventToTrack', () => {
  const names = TRACK_EVENT_NAMES;
  it.each(names)('names %s "%s" (default) and "%s" (segment-spec)', (type, defaultName, specName) => {
    expect(mapEventToTrack(event({ event: type }), { preset: 'default' }).event).toBe(defaultName);
    expect(mapEventToTrack(event({ event: type }), { preset: 'segment-spec' }).event).toBe(specName);
  });

  it('covers every catalog type and preset in the table above', () => {
    expect(names.map(([type]) => type)).toEqual(EVENT_CATALOG.map((e) => e.type));
    expect(NAMING_PRESETS).toEqual(['default', 'segment-spec']);
  });

  it.each<[EventType, Record<string, unknown>]>([
    ['sent', { smtp_reply: 'sent (250 2.0.0 OK 1433333948 fa5si855896wjc.199 - gsmtp)', email_id: '19421777835146490', campaign_id: '7257' }],
    ['open', { email_id: '19421777396190490', campaign_id: '7173', contact_id: '320', customcampaign: 'mj.nl=58424' }],
    ['click', { link_url: 'https://mailjet.com', email_id: '19421777836302490', campaign_id: '7272' }],
    ['bounce', { hard_bounce: true, blocked: false, error_related_to: 'recipient', error: 'user unknown', comment: expect.stringMatching(/^Host or domain/) }],
    ['spam', { source: 'JMRPP', campaign_name: 'Spring sale', customcampaign: 'Spring sale' }],
    ['blocked', { error_related_to: 'recipient', error: 'user unknown' }],
    ['unsub', { list_id: '1', payload: '{"order":42}' }],
  ])('maps the %s sample with its per-event properties', (type, expected) => {
    const track = mapEventToTrack(fixtureEvent(type), { preset: 'default' });
    expect(track.properties).toMatchObject({ message_guid: '1ab23cd4-e567-8901-2345-6789f0gh1i2j', CustomID: 'helloworld', ...expected });
  });

  it.each<[EventType, string[]]>([
    ['sent', ['link_url', 'list_id', 'hard_bounce', 'source']],
    ['click', ['smtp_reply', 'list_id', 'error']],
    ['blocked', ['hard_bounce', 'comment', 'blocked']],
    ['open', ['link_url', 'smtp_reply']],
  ])('gives %s no properties that belong to other event types', (type, absent) => {
    const properties = mapEventToTrack(fixtureEvent(type), { preset: 'default' }).properties;
    for (const key of absent) expect(properties).not.toHaveProperty(key);
  });

  it('maps the click sample completely', () => {
    expect(mapEventToTrack(fixtureEvent('click'), { preset: 'default' })).toEqual({
      type: 'track',
      event: 'Email Link Clicked',
      anonymousId: 'api@mailjet.com',
      messageId: expect.stringMatching(/^mj-[0-9a-f]{64}$/),
      timestamp: '2015-06-03T12:30:53.000Z',
      properties: {
        email_id: '19421777836302490',
        message_guid: '1ab23cd4-e567-8901-2345-6789f0gh1i2j',
        campaign_id: '7272',
        contact_id: '4',
        customcampaign: '',
        CustomID: 'helloworld',
        link_url: 'https://mailjet.com',
      },
      context: {
        traits: { email: 'api@mailjet.com' },
        ip: '127.0.0.1',
        userAgent: 'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:21.0) Gecko/20100101 Firefox/21.0',
        location: { country: 'FR' },
      },
    });
  });

  it('uses the known userId instead of the email, and keeps the email in context.traits', () => {
    const track = mapEventToTrack(event(), { preset: 'default', userId: 'user-7' });
    expect(track.userId).toBe('user-7');
    expect(track).not.toHaveProperty('anonymousId');
    expect(track.context.traits).toEqual({ email: 'a@example.com' });
  });

  it('adds the resolved campaign name and subject', () => {
    const track = mapEventToTrack(event(), { preset: 'default', campaignName: 'June newsletter', emailSubject: 'Hello' });
    expect(track.properties).toMatchObject({ campaign_name: 'June newsletter', email_subject: 'Hello' });
  });

  it.each([
    ['a real customcampaign', 'Onboarding', 'Onboarding'],
    ['a newsletter marker', 'mj.nl=58424', undefined],
    ['an empty customcampaign', '', undefined],
  ])('without a resolved name, uses %s as campaign_name only when it is a name', (_label, customcampaign, expected) => {
    const properties = mapEventToTrack(event({ customcampaign }), { preset: 'default' }).properties;
    expect(properties.campaign_name).toBe(expected);
  });

  it('computes the messageId from the event unless the caller already holds it', () => {
    expect(mapEventToTrack(event(), { preset: 'default' }).messageId).toBe(messageIdFor(event()));
    expect(mapEventToTrack(event(), { preset: 'default', messageId: 'mj-from-intake' }).messageId).toBe('mj-from-intake');
  });

  it('leaves out an empty payload and missing context fields', () => {
    const track = mapEventToTrack(event({ Payload: '' }), { preset: 'default' });
    expect(track.properties).not.toHaveProperty('payload');
    expect(track.context).toEqual({ traits: { email: 'a@example.com' } });
  });
});

describe('campaignLookupFor', () => {
  it.each([
    ['a real customcampaign', { customcampaign: 'Onboarding', mj_campaign_id: '7' }, { kind: 'custom', name: 'Onboarding' }],
    ['a newsletter', { customcampaign: 'mj.nl=58424', mj_campaign_id: '7173' }, { kind: 'newsletter', newsletterId: '58424', campaignId: '7173' }],
    ['transactional mail', { customcampaign: '', mj_campaign_id: '7272' }, { kind: 'campaign', campaignId: '7272' }],
    ['campaign id 0', { customcampaign: '', mj_campaign_id: '0' }, null],
    ['no campaign id', {}, null],
  ])('looks up %s', (_label, overrides, expected) => {
    expect(campaignLookupFor(event(overrides))).toEqual(expected);
  });
});
