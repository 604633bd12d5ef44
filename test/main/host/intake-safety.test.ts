// What a hostile or careless world does to the receive direction, through the real host and emulators:
// a Mailjet that echoes the request in its error (canary: no secret in the database, the logs or any
// console answer), a relay key inside a message, and a flood of new trait names against the property caps.
import { pollUntil } from '../../support/condition-polling';
import { KEYS, readAllFiles, startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

let harness: ConnectorHarness;
afterEach(async () => {
  await harness?.stop();
});

async function postIdentify(relayKey: string, message: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${harness.host.relayUrl}/v1/identify`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${relayKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify(message),
  });
  return response.status;
}

const basic = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');

it('stores, logs and answers no secret after a Mailjet error that echoes the request (canary)', async () => {
  harness = await startConnectorHarness();
  await harness.ok('enableReceive', { createListName: 'Canary List' });
  const { relayKey } = await harness.ok('getConnectionInfo');
  // Every write Mailjet gets answers 400 with the request's Authorization header, keys and body echoed back.
  harness.mailjet.inject('POST /v3/REST/contactmetadata', { status: 400, echoRequest: true, count: 50 });
  harness.mailjet.inject('POST /v3/REST/contactslist/*/managecontact', { status: 400, echoRequest: true, count: 50 });
  const message = { userId: 'canary-1', writeKey: relayKey, context: { writeKey: relayKey, note: `key ${relayKey}` }, traits: { email: 'canary@example.com', plan: 'pro' } };
  expect(await postIdentify(relayKey, message)).toBe(200);
  await pollUntil(async () => (await harness.ok('getActivity', {})).items.some((item) => item.status === 'failed' || item.status === 'delivered'), 'the identify settled');
  const activity = await harness.ok('getActivity', {});
  // The echo really happened and really reached the item's reason, masked.
  expect(JSON.stringify(activity)).toMatch(/Mailjet (would not create|refused)/);

  const secrets = [KEYS.mailjetApiKey, KEYS.mailjetSecretKey, KEYS.segmentWriteKey, relayKey, basic(KEYS.mailjetApiKey, KEYS.mailjetSecretKey), basic(KEYS.segmentWriteKey, '')];
  const answers = [JSON.stringify(activity), JSON.stringify(await harness.ok('getStatus')), JSON.stringify(await harness.ok('retryFailed', {}))];
  const stored = readAllFiles(harness.dataDir).map(({ path, bytes }) => ({ path, text: bytes.toString('latin1') }));
  for (const secret of secrets) {
    for (const { path, text } of stored) expect(text.includes(secret), `${path} holds a secret`).toBe(false);
    for (const line of harness.logLines) expect(line).not.toContain(secret);
    for (const answer of answers) expect(answer).not.toContain(secret);
  }
});

it('caps the new Mailjet properties one call and one day may create, reports what was left out, and says so in the status', async () => {
  harness = await startConnectorHarness();
  await harness.ok('enableReceive', { createListName: 'Caps List' });
  await harness.ok('setOptions', { propertyCaps: { perCall: 5, perDay: 8 } });
  const { relayKey } = await harness.ok('getConnectionInfo');
  const flood = (prefix: string, count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}_${i}`, i]));
  expect(await postIdentify(relayKey, { userId: 'f1', traits: { email: 'flood1@example.com', ...flood('a', 12) } })).toBe(200);
  await pollUntil(async () => (await harness.ok('getActivity', {})).items.some((item) => item.status === 'delivered'), 'the first flood delivered');
  expect(await postIdentify(relayKey, { userId: 'f2', traits: { email: 'flood2@example.com', ...flood('b', 6) } })).toBe(200);
  await pollUntil(async () => (await harness.ok('getActivity', {})).items.filter((item) => item.status === 'delivered').length === 2, 'the second flood delivered');

  const created = harness.mailjet.requests.filter((request) => request.method === 'POST' && request.path === '/v3/REST/contactmetadata' && request.fault === undefined);
  // 5 from the first call (per-call cap), then 3 more until the day's 8.
  expect(created).toHaveLength(8);
  const items = (await harness.ok('getActivity', {})).items;
  const first = items.find((item) => item.email === 'flood1@example.com');
  const second = items.find((item) => item.email === 'flood2@example.com');
  expect(first?.reason).toMatch(/Delivered without 7 values: .*per-call cap/);
  expect(second?.reason).toMatch(/Delivered without 3 values: .*daily cap/);
  expect((await harness.ok('getStatus')).receive.problem).toMatchObject({ code: 'property_cap_reached', message: expect.stringMatching(/cap of 8 new Mailjet contact properties/) });
  // The contacts themselves still synced, with the properties that were created.
  expect(harness.mailjet.contacts.find((contact) => contact.Email === 'flood1@example.com')).toBeDefined();
});

it('delivers traits named __proto__, constructor and prototype to Mailjet instead of losing them', async () => {
  harness = await startConnectorHarness();
  await harness.ok('enableReceive', { createListName: 'Hostile Names' });
  const { relayKey } = await harness.ok('getConnectionInfo');
  const traits = '{"email":"proto@example.com","__proto__":"p-value","constructor":"c-value","prototype":"t-value"}';
  const response = await fetch(`${harness.host.relayUrl}/v1/identify`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${relayKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: `{"userId":"h1","traits":${traits}}`,
  });
  expect(response.status).toBe(200);
  await pollUntil(async () => (await harness.ok('getActivity', {})).items.some((item) => item.status === 'delivered'), 'the identify delivered');
  const upserts = harness.mailjet.requests.filter((request) => request.method === 'POST' && /managecontact$/.test(request.path));
  expect(upserts).toHaveLength(1);
  const sent = JSON.parse(upserts[0]?.body ?? '{}') as { Properties: Record<string, unknown> };
  expect(Object.entries(sent.Properties)).toEqual(expect.arrayContaining([['__proto__', 'p-value'], ['constructor', 'c-value'], ['prototype', 't-value']]));
});
