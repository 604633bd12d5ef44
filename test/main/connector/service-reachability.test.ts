// No unreachable callback, ever (issue 11): with a public-looking Mailjet API URL (routed to the
// emulator by the host's injected fetch), enableSend without a proven public https URL is refused and
// Mailjet receives no write; a proven URL is registered, and a new one moves the callbacks.
import type { ConnectorHarness } from '../../support/connector-harness';
import { startConnectorHarness } from '../../support/connector-harness';

const MAILJET_API = 'https://api.mailjet.test';
/** Public names that reach the relay, as a tunnel would; any other name does not resolve. */
const TUNNELS = ['https://tunnel-a.example.org', 'https://tunnel-b.example.org'];
const FOREIGN = 'https://crm:crm-pass-77@hooks.example.com/mailjet/bounce';

let harness: ConnectorHarness;

function routingFetch(): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const target = url.origin === MAILJET_API ? harness.mailjet.url : TUNNELS.includes(url.origin) ? harness.host.relayUrl : undefined;
    if (target === undefined) throw new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${url.hostname}`), { code: 'ENOTFOUND' }) });
    return fetch(`${target}${url.pathname}${url.search}`, init);
  };
}

beforeEach(async () => {
  harness = await startConnectorHarness({ env: { MJSC_MAILJET_API_URL: MAILJET_API }, fetch: routingFetch() });
  harness.mailjet.seedCallback({ EventType: 'bounce', Url: FOREIGN, Version: 1 });
});
afterEach(async () => {
  await harness.stop();
});

const callbackWrites = () => harness.mailjet.requests.filter((request) => request.path.includes('eventcallbackurl') && request.method !== 'GET');

it('without a public URL, enableSend (even with Replace) is refused with what to do, and Mailjet gets no write', async () => {
  harness.mailjet.clearRequests();
  const answer = await harness.call('enableSend', { onConflict: 'replace' });
  expect(answer.status).toBe(409);
  expect(answer.error?.code).toBe('callback_url_unreachable');
  expect(answer.error?.message).toMatch(/Set a public https URL/);
  expect(answer.error?.message).toMatch(/Start a tunnel/);
  expect(callbackWrites()).toEqual([]);
  expect(harness.mailjet.callbacks.find((row) => row.EventType === 'bounce')?.Url).toBe(FOREIGN);
  const status = await harness.ok('getStatus', {});
  expect(status.send.enabled).toBe(false);
  expect(status.send.unreachable?.message).toMatch(/cannot reach this relay/);
});

it('a plain-http or unproven public URL is refused too; the failed proof says why', async () => {
  await harness.ok('setOptions', { publicUrl: 'http://tunnel-a.example.org' });
  expect((await harness.call('enableSend', {})).error?.message).toMatch(/needs an https callback URL/);

  const saved = await harness.ok('setOptions', { publicUrl: 'https://gone.example.org' });
  expect(saved.publicUrlCheck).toMatchObject({ url: 'https://gone.example.org', result: 'dns' });
  const refused = await harness.call('enableSend', { onConflict: 'replace' });
  expect(refused.status).toBe(409);
  expect(refused.error?.message).toMatch(/does not resolve/);
  expect(callbackWrites()).toEqual([]);
});

it('a proven public URL is registered; a new one moves the callbacks and says so', async () => {
  const first = await harness.ok('setOptions', { publicUrl: TUNNELS[0] });
  expect(first.publicUrlCheck).toMatchObject({ result: 'reached' });
  expect(first.publicUrlCheck?.message).toMatch(/Enable sending to register it/);
  expect(first.send.unreachable).toBeUndefined();
  const enabled = await harness.ok('enableSend', { onConflict: 'replace' });
  expect(enabled.state).toBe('enabled');
  const hosts = () => new Set(harness.mailjet.callbacks.filter((row) => !row.IsBackup).map((row) => new URL(row.Url).host));
  expect(hosts()).toEqual(new Set(['tunnel-a.example.org']));

  const moved = await harness.ok('setOptions', { publicUrl: TUNNELS[1] });
  expect(moved.publicUrlCheck?.message).toMatch(/callbacks were moved to it/);
  expect(hosts()).toEqual(new Set(['tunnel-b.example.org']));

  // A URL that does not work leaves the callbacks where they are.
  harness.mailjet.clearRequests();
  const broken = await harness.ok('setOptions', { publicUrl: 'https://gone.example.org' });
  expect(broken.publicUrlCheck?.message).toMatch(/left as they were/);
  expect(callbackWrites()).toEqual([]);
  expect(hosts()).toEqual(new Set(['tunnel-b.example.org']));
});
