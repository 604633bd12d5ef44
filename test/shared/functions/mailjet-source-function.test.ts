// The bundled source function, run as Segment runs it: what reaches Segment.track for Mailjet's bodies.
import { mapEventToTrack } from '../../../shared/event-to-track';
import { parseJsonLossless } from '../../../shared/json-lossless';
import { parseMailjetEvents } from '../../../shared/mailjet-event';
import { readFixtureText } from '../../fixtures/fixture-text';
import { TRACK_EVENT_NAMES } from '../../fixtures/track-event-names';
import { ValidationError, buildBundles, expectSelfContainedScript, loadFunction, sourceRequest, type BuiltBundles, type LoadedFunction } from './function-sandbox';

let built: BuiltBundles;
let code: string;

beforeAll(async () => {
  built = await buildBundles();
  code = built.text('mailjet-source-function');
});
afterAll(() => built.remove());

function freshFunction(): LoadedFunction {
  return loadFunction(code, 'onRequest');
}

/** What the relay would send for this body: the shared mapping, without the `type` Segment.track implies. */
function relayCalls(body: string, preset: 'default' | 'segment-spec' = 'default'): Array<Record<string, unknown>> {
  return parseMailjetEvents(parseJsonLossless(body)).events.map((event) => {
    const { type: _type, ...call } = mapEventToTrack(event, { preset });
    return JSON.parse(JSON.stringify(call)) as Record<string, unknown>;
  });
}

const basic = (credentials: string): string => `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;

describe('mailjet source function bundle', () => {
  it('is one self-contained script under 300 KB: no require, no import, no Node globals', () => {
    expectSelfContainedScript(code, 'onRequest');
  });

  it.each(TRACK_EVENT_NAMES)('sends the %s sample as "%s" (default) and "%s" (segment-spec), exactly as the relay maps it', async (type, defaultName, specName) => {
    const body = readFixtureText(`mailjet/${type}.json`);
    const plain = freshFunction();
    await plain.handler(sourceRequest(body), {});
    expect(plain.tracked).toEqual(relayCalls(body));
    expect(plain.tracked[0]).toMatchObject({ event: defaultName, anonymousId: expect.stringContaining('@mailjet.com') });
    expect(plain.tracked[0]?.messageId).toMatch(/^mj-[0-9a-f]{64}$/);

    const spec = freshFunction();
    await spec.handler(sourceRequest(body), { namingPreset: 'segment-spec' });
    expect(spec.tracked).toEqual(relayCalls(body, 'segment-spec'));
    expect(spec.tracked[0]?.event).toBe(specName);
  });

  it('sends every event of a grouped (Version 2) array and keeps MessageID 19421777835146491 exact', async () => {
    const body = readFixtureText('mailjet/grouped-mixed.json');
    const run = freshFunction();
    const outcome = await run.handler(sourceRequest(body), {});
    expect(run.tracked.map((call) => call.event)).toEqual(['Email Opened', 'Email Link Clicked', 'Delivered']);
    expect(run.tracked[0]?.properties).toMatchObject({ email_id: '19421777835146491' });
    expect(run.tracked[1]?.properties).toMatchObject({ email_id: '19421777835146491', link_url: 'https://example.com/offer' });
    expect(run.tracked[0]?.context).toEqual({ traits: { email: 'one@example.com' }, ip: '203.0.113.9', userAgent: 'Mozilla/5.0', location: { country: 'DE' } });
    expect(outcome).toMatchObject({ tracked: 3, rejected: [] });
  });

  it('names the campaign from customcampaign, the only source a function has', async () => {
    const run = freshFunction();
    await run.handler(sourceRequest(readFixtureText('mailjet/spam.json')), {});
    expect(run.tracked[0]?.properties).toMatchObject({ campaign_name: 'Spring sale' });
    const newsletter = freshFunction();
    await newsletter.handler(sourceRequest(readFixtureText('mailjet/open.json')), {});
    expect(newsletter.tracked[0]?.properties).not.toHaveProperty('campaign_name');
  });

  it('forwards only the selected types and counts the rest as filtered', async () => {
    const run = freshFunction();
    const outcome = await run.handler(sourceRequest(readFixtureText('mailjet/grouped-mixed.json')), { selectedEvents: 'open, click' });
    expect(run.tracked.map((call) => call.event)).toEqual(['Email Opened', 'Email Link Clicked']);
    expect(outcome).toMatchObject({ tracked: 2, filtered: { sent: 1 } });

    const arraySetting = freshFunction();
    await arraySetting.handler(sourceRequest(readFixtureText('mailjet/grouped-mixed.json')), { selectedEvents: ['sent'] });
    expect(arraySetting.tracked.map((call) => call.event)).toEqual(['Delivered']);
  });

  it('skips and counts bad items but sends the good ones of the same array', async () => {
    const run = freshFunction();
    const outcome = (await run.handler(sourceRequest(readFixtureText('mailjet/grouped-with-bad-items.json')), {})) as { rejected: unknown[] };
    expect(run.tracked.map((call) => call.event)).toEqual(['Delivered', 'Email Link Clicked']);
    expect(run.tracked[0]?.properties).toMatchObject({ email_id: '19421777835146490' });
    expect(outcome.rejected).toHaveLength(5);
    expect(run.logs.join('\n')).toMatch(/Skipped 5 unusable Mailjet event/);
  });

  it.each([
    ['an array with nothing usable', '[{"event":"open"}, "not an event", 42]', /No usable Mailjet event/],
    ['one unusable object', '{"event":"delivered","time":1,"MessageID":1,"email":"a@example.com"}', /No usable Mailjet event.*unknown event type/],
    ['invalid JSON', '{"event":', /not valid JSON/],
    ['an empty body', '  ', /no body/],
    ['a JSON string', '"sent"', /one event object or an array/],
  ])('rejects %s with ValidationError and sends nothing', async (_label, body, message) => {
    const run = freshFunction();
    const failure = run.handler(sourceRequest(body), {});
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toThrow(message);
    expect(run.tracked).toEqual([]);
  });

  describe('with an events secret', () => {
    const settings = { eventsSecret: 'ev-s3cret-ünïcode' };
    const body = readFixtureText('mailjet/sent.json');

    it('accepts Basic mailjet:<secret>, as Mailjet sends the callback URL userinfo', async () => {
      const run = freshFunction();
      await run.handler(sourceRequest(body, { authorization: basic(`mailjet:${settings.eventsSecret}`) }), settings);
      expect(run.tracked).toHaveLength(1);
    });

    it.each([
      ['no Authorization header', undefined],
      ['a wrong secret', basic('mailjet:nope')],
      ['the right secret under another user', basic(`segment:${settings.eventsSecret}`)],
      ['a Bearer token', `Bearer ${settings.eventsSecret}`],
      ['broken base64', 'Basic %%%'],
    ])('refuses %s with ValidationError that never quotes the secret', async (_label, authorization) => {
      const run = freshFunction();
      const failure = run.handler(sourceRequest(body, authorization === undefined ? {} : { authorization }), settings);
      await expect(failure).rejects.toBeInstanceOf(ValidationError);
      await expect(failure).rejects.toThrow(/events secret/);
      await failure.catch((error: Error) => expect(error.message).not.toContain(settings.eventsSecret));
      expect(run.tracked).toEqual([]);
    });
  });

  it.each([
    [{ selectedEvents: 'sent, delivered' }, /unknown event types \(delivered\)/],
    [{ namingPreset: 'spec' }, /"namingPreset" setting must be one of default, segment-spec/],
  ])('rejects unusable settings %j with ValidationError naming the setting', async (settings, message) => {
    const run = freshFunction();
    await expect(run.handler(sourceRequest(readFixtureText('mailjet/sent.json')), settings)).rejects.toThrow(message);
    expect(run.tracked).toEqual([]);
  });
});
