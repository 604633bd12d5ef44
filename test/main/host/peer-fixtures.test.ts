// Real Mailjet Event API bodies from public peers' test suites (test/fixtures/peers/README.md) through
// `mjsc map event`, the relay and on to the Segment emulator: every usable event arrives as one track,
// every unusable body is acknowledged with 200 and shown in Activity as rejected with its reason.
import { runCli } from '../../../main/cli/cli-dispatch';
import { COMMANDS } from '../../../main/cli/command-table';
import { EVENT_TYPES } from '../../../shared/event-catalog';
import { parseJsonLossless } from '../../../shared/json-lossless';
import { pollUntil } from '../../support/condition-polling';
import { readFixtureText } from '../../fixtures/fixture-text';
import { fakeCliIo } from '../cli/fake-cli-io';
import { registeredUrl, startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

/** File, the tracks it must become, and the reasons of the items that must be rejected. */
const PEER_BODIES: ReadonlyArray<[string, number, readonly RegExp[]]> = [
  ['hull-mailjet-send-test.json', 0, [/missing or invalid email/]],
  ['hull-mailjet-unknown-type.json', 0, [/unknown event type "foo"/]],
  ['hull-mailjet-sent.json', 1, []],
  ['hull-mailjet-click.json', 1, []],
  ['anymail-grouped-events.json', 8, []],
  ['anymail-non-grouped-sent.json', 1, []],
  ['rudderstack-open.json', 1, []],
  ['rudderstack-bounce.json', 1, []],
  ['rudderstack-sent.json', 1, []],
  ['rudderstack-no-email.json', 0, [/missing or invalid email/]],
  ['rudderstack-open-and-click.json', 2, []],
];

const peerText = (file: string): string => readFixtureText(`peers/${file}`);

describe('mjsc map event on peer bodies', () => {
  it.each(PEER_BODIES)('%s maps to %i track call(s)', async (file, tracks) => {
    const io = fakeCliIo({ stdin: peerText(file) });
    const code = await runCli(['map', 'event', '-'], io, { version: '0.0.0', commands: COMMANDS });
    if (tracks === 0) {
      expect(code).toBe(2);
      expect(io.stderr()).toMatch(/no usable Mailjet event/);
      return;
    }
    expect(code).toBe(0);
    const calls = JSON.parse(io.stdout()) as Array<{ type: string; properties: Record<string, unknown>; messageId: string }>;
    expect(calls).toHaveLength(tracks);
    for (const call of calls) {
      expect(call.type).toBe('track');
      // Ids above 2^53 arrive exact, as strings; mj_message_id is never forwarded.
      expect(typeof call.properties.email_id).toBe('string');
      expect(JSON.stringify(call)).not.toContain('mj_message_id');
    }
  });
});

describe('the relay and the Segment emulator on peer bodies', () => {
  let harness: ConnectorHarness;
  beforeAll(async () => {
    harness = await startConnectorHarness();
    await harness.ok('setEventSelection', { events: [...EVENT_TYPES] });
    await harness.ok('enableSend', {});
  }, 60_000);
  afterAll(async () => {
    await harness?.stop();
  });

  it.each(PEER_BODIES)('%s: 200, %i track(s) in Segment, the rest rejected in Activity', async (file, tracks, reasons) => {
    const url = new URL(registeredUrl(harness.mailjet, 'sent') ?? '');
    const auth = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
    url.username = '';
    url.password = '';
    const before = harness.segment.received.length;
    const beforeItems = (await harness.ok('getActivity', { limit: 1000 })).items.length;
    const response = await fetch(url, { method: 'POST', headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' }, body: peerText(file) });
    expect(response.status).toBe(200);
    const body = parseJsonLossless(peerText(file));
    const posted = Array.isArray(body) ? body.length : 1;
    await pollUntil(async () => (await harness.ok('getActivity', { limit: 1000 })).items.length === beforeItems + posted, `${file}: every item recorded`);
    if (tracks > 0) await pollUntil(() => harness.segment.received.length >= before + tracks, `${file}: the tracks in Segment`);
    const arrived = harness.segment.received.slice(before);
    expect(arrived).toHaveLength(tracks);
    for (const received of arrived) expect(received.message).toMatchObject({ type: 'track', properties: { email_id: expect.any(String) } });
    const rejected = (await harness.ok('getActivity', { limit: 1000 })).items.filter((item) => item.status === 'rejected').slice(0, reasons.length);
    for (const reason of reasons) expect(rejected.some((item) => reason.test(item.reason ?? ''))).toBe(true);
  });
});
