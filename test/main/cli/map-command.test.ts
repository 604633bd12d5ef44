import { runCli } from '../../../main/cli/cli-dispatch';
import { COMMANDS } from '../../../main/cli/command-table';
import type { SegmentTrack } from '../../../shared/event-to-track';
import { readFixtureText } from '../../fixtures/fixture-text';
import { fakeCliIo } from './fake-cli-io';

const program = { version: '9.9.9', commands: COMMANDS };

async function run(argv: string[], options: Parameters<typeof fakeCliIo>[0] = {}) {
  const io = fakeCliIo(options);
  const code = await runCli(argv, io, program);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('mjsc map identify', () => {
  const sherlock = readFixtureText('identify/sherlock-holmes.json');

  it('prints exactly email, name, properties and dropped for the guide\'s Sherlock Holmes payload', async () => {
    const { code, stdout, stderr } = await run(['map', 'identify', '-'], { stdin: sherlock });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['email', 'name', 'properties', 'dropped']);
    expect(printed).toMatchObject({
      email: 'sherlock@example.com',
      name: 'Sherlock Holmes',
      properties: { first_name: 'Sherlock', last_name: 'Holmes', location_latitude: 51.52376, location_longitude: -0.158459 },
      dropped: [{ path: 'address', reason: expect.any(String) }],
    });
    expect(Object.keys(printed.properties as object).filter((k) => k.startsWith('address'))).toEqual([]);
  });

  it("splits the guide's location example into location_latitude and location_longitude", async () => {
    const { stdout } = await run(['map', 'identify'], { stdin: readFixtureText('identify/location-split.json') });
    expect(JSON.parse(stdout)).toEqual({
      email: 'visitor@example.com',
      name: null,
      properties: { location_latitude: 48.87347532650291, location_longitude: 2.371577412596885 },
      dropped: [],
    });
  });

  it('takes the email from context.traits and the name from camel-case first and last name', async () => {
    const { stdout } = await run(['map', 'identify'], { stdin: readFixtureText('identify/context-email-camel-case.json') });
    expect(JSON.parse(stdout)).toMatchObject({
      email: 'irene.adler@example.com',
      name: 'Irene Adler',
      properties: { vip: true, visits: 3 },
      dropped: [{ path: 'tags' }],
    });
  });

  it('reads a FILE argument the same way as stdin', async () => {
    const fromFile = await run(['map', 'identify', 'sherlock.json'], { files: { 'sherlock.json': sherlock } });
    const fromStdin = await run(['map', 'identify'], { stdin: sherlock });
    expect(fromFile.stdout).toBe(fromStdin.stdout);
  });

  it('keeps address.street.name with --flatten deep', async () => {
    const { stdout } = await run(['map', 'identify', '--flatten', 'deep'], { stdin: sherlock });
    expect(JSON.parse(stdout).properties).toMatchObject({ address_city: 'London', address_street_name: 'Baker Street' });
  });

  it('prints the mapping and says why on stderr when the contact would be skipped', async () => {
    const { code, stdout, stderr } = await run(['map', 'identify'], { stdin: '{"traits":{"name":"No Email"}}' });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ email: null, name: 'No Email' });
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/would be skipped/);
  });
});

describe('mjsc map event', () => {
  it('prints one "Email Link Clicked" track for the click sample, with the exact email_id', async () => {
    const { code, stdout, stderr } = await run(['map', 'event'], { stdin: readFixtureText('mailjet/click.json') });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const calls = JSON.parse(stdout) as SegmentTrack[];
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      type: 'track',
      event: 'Email Link Clicked',
      anonymousId: 'api@mailjet.com',
      properties: { email_id: '19421777836302490', link_url: 'https://mailjet.com' },
    });
  });

  it.each([
    ['default', 'Delivered'],
    ['segment-spec', 'Email Delivered'],
  ])('names a sent event with --preset %s', async (preset, name) => {
    const { stdout } = await run(['map', 'event', '--preset', preset], { stdin: readFixtureText('mailjet/sent.json') });
    expect((JSON.parse(stdout) as SegmentTrack[])[0]?.event).toBe(name);
  });

  it('maps every event of a grouped array and keeps MessageID 19421777835146491 exact', async () => {
    const { stdout } = await run(['map', 'event'], { stdin: readFixtureText('mailjet/grouped-mixed.json') });
    const calls = JSON.parse(stdout) as SegmentTrack[];
    expect(calls.map((c) => c.event)).toEqual(['Email Opened', 'Email Link Clicked', 'Delivered']);
    expect(calls[0]?.properties.email_id).toBe('19421777835146491');
  });

  it('prints the good events and one stderr line about the bad ones', async () => {
    const { code, stdout, stderr } = await run(['map', 'event'], { stdin: readFixtureText('mailjet/grouped-with-bad-items.json') });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as SegmentTrack[]).map((c) => c.event)).toEqual(['Delivered', 'Email Link Clicked']);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/5 item\(s\) would be rejected: item 1: not an event object/);
  });
});

describe('mjsc map: bad input gets one stderr line and exit 2', () => {
  it.each<[string, string[], { stdin?: string }, RegExp]>([
    ['bad JSON', ['map', 'event'], { stdin: '{"event":' }, /not valid JSON/],
    ['bad JSON for identify', ['map', 'identify'], { stdin: 'nope' }, /not valid JSON/],
    ['a body that is neither object nor array', ['map', 'event'], { stdin: '"sent"' }, /one event object or an array/],
    ['a single unusable event', ['map', 'event'], { stdin: '{"event":"delivered"}' }, /unknown event type "delivered"/],
    ['an identify batch', ['map', 'identify'], { stdin: '{"batch":[]}' }, /not a batch/],
    ['a track message', ['map', 'identify'], { stdin: '{"type":"track","event":"x"}' }, /expected an identify message/],
    ['an identify array', ['map', 'identify'], { stdin: '[]' }, /expected one Segment identify message/],
    ['an unreadable file', ['map', 'event', 'missing.json'], {}, /cannot read missing.json \(ENOENT\)/],
    ['two files', ['map', 'event', 'a.json', 'b.json'], {}, /at most one FILE/],
    ['an unknown subcommand', ['frobnicate'], {}, /unknown command "frobnicate"/],
    ['an unknown map direction', ['map', 'contact'], {}, /unknown map direction "contact"/],
    ['an unknown option', ['map', 'event', '--bogus'], {}, /Unknown option '--bogus'/],
    ['a bad preset', ['map', 'event', '--preset', 'fancy'], { stdin: '{}' }, /--preset must be one of default, segment-spec/],
    ['a bad flatten mode', ['map', 'identify', '--flatten', 'flat'], { stdin: '{}' }, /--flatten must be one of documented, deep/],
    ['--preset on identify', ['map', 'identify', '--preset', 'default'], { stdin: '{}' }, /Unknown option '--preset'/],
  ])('%s', async (_label, argv, options, message) => {
    const { code, stdout, stderr } = await run(argv, options);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^mjsc: /);
    expect(stderr).toMatch(message);
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
