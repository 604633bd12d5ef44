// The setup actions through the HTTP control API against the emulators: keys, lists, receive, options,
// connection info, relay-key rotation, the console's door checks, and settings across a restart.
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { pollUntil } from '../../support/condition-polling';
import { KEYS, TOKEN, readAllFiles, startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

let harness: ConnectorHarness;
afterEach(async () => {
  await harness?.stop();
});

async function identify(relayUrl: string, relayKey: string, traits: Record<string, unknown>): Promise<number> {
  const response = await fetch(`${relayUrl}/v1/identify`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${relayKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: `user-${String(traits.email)}`, traits }),
  });
  return response.status;
}

describe('saveCredentials', () => {
  it('refuses wrong Mailjet keys with a 4xx that says where to copy them from, and stores nothing', async () => {
    const secrets = new MemorySecretStore();
    harness = await startConnectorHarness({ secrets });
    const answer = await harness.call('saveCredentials', { mailjetApiKey: 'wrongApiKey0000001', mailjetSecretKey: 'wrongSecret0000002', segmentWriteKey: KEYS.segmentWriteKey });
    expect(answer.status).toBe(400);
    expect(answer.error?.code).toBe('mailjet_credentials_invalid');
    expect(answer.error?.message).toMatch(/API key.*secret key.*Mailjet > Account/);
    expect(JSON.stringify(answer.error)).not.toContain('wrongSecret');
    for (const name of ['mailjetApiKey', 'mailjetSecretKey', 'segmentWriteKey'] as const) expect(await secrets.get(name)).toBeUndefined();
    expect((await harness.ok('getStatus')).credentials).toMatchObject({ mailjet: 'missing', segment: 'missing' });
  });

  it('stores keys Mailjet accepts and shows them masked', async () => {
    const secrets = new MemorySecretStore();
    harness = await startConnectorHarness({ secrets });
    const status = await harness.ok('saveCredentials', { ...KEYS });
    expect(status.credentials).toMatchObject({ mailjet: 'valid', segment: 'present', mailjetApiKeyMasked: `••••${KEYS.mailjetApiKey.slice(-4)}`, segmentWriteKeyMasked: `••••${KEYS.segmentWriteKey.slice(-4)}` });
    expect(JSON.stringify(status)).not.toContain(KEYS.mailjetApiKey);
    expect(await secrets.get('mailjetSecretKey')).toBe(KEYS.mailjetSecretKey);
    expect(harness.logLines.join('\n')).not.toContain(KEYS.mailjetSecretKey);
    for (const file of readAllFiles(harness.dataDir)) {
      for (const value of Object.values(KEYS)) expect(file.bytes.includes(value), `${value} in ${file.path}`).toBe(false);
    }
  });

  it('says Mailjet is unreachable, and stores nothing, when the check cannot get through', async () => {
    const secrets = new MemorySecretStore();
    harness = await startConnectorHarness({ secrets });
    harness.mailjet.inject('GET /v3/REST/contactslist', { reset: true, count: 5 });
    const answer = await harness.call('saveCredentials', { mailjetApiKey: KEYS.mailjetApiKey, mailjetSecretKey: KEYS.mailjetSecretKey });
    expect(answer.status).toBeGreaterThanOrEqual(500);
    expect(answer.error).toMatchObject({ code: 'mailjet_unreachable' });
    expect(answer.error?.message).toMatch(/internet connection.*Nothing was saved/);
    expect(await secrets.get('mailjetApiKey')).toBeUndefined();
  });
});

describe('contact lists and receiving', () => {
  beforeEach(async () => {
    harness = await startConnectorHarness();
  });

  it('lists every contact list past the first page of 10', async () => {
    const names = Array.from({ length: 13 }, (_unused, index) => `List ${String(index + 1).padStart(2, '0')}`);
    for (const name of names) harness.mailjet.seedList({ Name: name });
    const lists = await harness.ok('listContactLists');
    expect(lists.map((list) => list.name)).toEqual(expect.arrayContaining(names));
    expect(lists.length).toBeGreaterThan(10);
    expect(lists[0]).toEqual({ id: expect.any(Number), name: expect.any(String), subscriberCount: expect.any(Number) });
  });

  it('creates the Segment Master List once and reuses it, and receive can be switched off', async () => {
    const first = await harness.ok('enableReceive', { createListName: 'Segment Master List' });
    const second = await harness.ok('enableReceive', { createListName: 'Segment Master List' });
    expect(harness.mailjet.lists.filter((list) => list.Name === 'Segment Master List')).toHaveLength(1);
    expect(second.receive).toMatchObject({ enabled: true, listId: first.receive.listId, listName: 'Segment Master List' });
    const off = await harness.ok('disableReceive');
    expect(off.receive).toMatchObject({ enabled: false, listId: first.receive.listId });
  });

  it('refuses a list id Mailjet does not have', async () => {
    const answer = await harness.call('enableReceive', { listId: 987654 });
    expect(answer.status).toBe(404);
    expect(answer.error?.code).toBe('list_not_found');
  });

  it('says a deleted list must be replaced, and drains the waiting contacts into the new list', async () => {
    const { listId } = (await harness.ok('enableReceive', { createListName: 'Doomed list' })).receive;
    const deleted = await fetch(`${harness.mailjet.url}/v3/REST/contactslist/${listId}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`${KEYS.mailjetApiKey}:${KEYS.mailjetSecretKey}`).toString('base64')}` },
    });
    expect(deleted.status).toBe(204);
    const { relayKey } = await harness.ok('getConnectionInfo');
    expect(await identify(harness.host.relayUrl, relayKey, { email: 'waiting@example.com', plan: 'pro' })).toBe(200);

    await pollUntil(async () => (await harness.ok('getStatus')).receive.problem?.code === 'list_deleted', 'the deleted list reported');
    const status = await harness.ok('getStatus');
    expect(status.receive.problem?.message).toMatch(/choose another list/i);
    expect(status.queue.receive.pending).toBe(1);

    const replacement = await harness.ok('enableReceive', { createListName: 'Replacement list' });
    await pollUntil(() => harness.mailjet.contact('waiting@example.com') !== undefined, 'the waiting contact in Mailjet');
    expect(harness.mailjet.contact('waiting@example.com')?.Lists).toEqual([expect.objectContaining({ ListID: replacement.receive.listId })]);
    await pollUntil(async () => (await harness.ok('getStatus')).receive.problem === undefined, 'the problem cleared');
  });
});

describe('connection info, rotation and options', () => {
  beforeEach(async () => {
    harness = await startConnectorHarness();
  });

  it('gives the URLs to paste, built on the relay URL or the public URL', async () => {
    const info = await harness.ok('getConnectionInfo');
    expect(info.relayKey).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(info.segmentWebhookUrl).toBe(`${harness.host.relayUrl}/segment`);
    expect(info.trackingApiHost).toBe(harness.host.relayUrl);
    expect(info.mailjetCallbackUrl).toMatch(new RegExp(`^http://mailjet:[A-Za-z0-9_-]+@127\\.0\\.0\\.1:\\d+/mailjet/events$`));

    const status = await harness.ok('setOptions', { publicUrl: 'https://relay.example.ngrok.app/', namingPreset: 'segment-spec', flattenMode: 'deep' });
    expect(status).toMatchObject({ publicUrl: 'https://relay.example.ngrok.app', send: { namingPreset: 'segment-spec' }, receive: { flattenMode: 'deep' } });
    const publicInfo = await harness.ok('getConnectionInfo');
    expect(publicInfo.segmentWebhookUrl).toBe('https://relay.example.ngrok.app/segment');
    expect(publicInfo.mailjetCallbackUrl).toMatch(/^https:\/\/mailjet:[^@]+@relay\.example\.ngrok\.app\/mailjet\/events$/);
    expect((await harness.ok('setOptions', { publicUrl: null })).publicUrl).toBeNull();
  });

  it('switches the relay key live: the old key gets 401, the new one is accepted', async () => {
    const before = await harness.ok('getConnectionInfo');
    expect(await identify(harness.host.relayUrl, before.relayKey, { email: 'a@example.com' })).toBe(200);
    const after = await harness.ok('rotateSecret', { which: 'relayKey' });
    expect(after.relayKey).not.toBe(before.relayKey);
    expect(await identify(harness.host.relayUrl, before.relayKey, { email: 'b@example.com' })).toBe(401);
    expect(await identify(harness.host.relayUrl, after.relayKey, { email: 'c@example.com' })).toBe(200);
    expect(await harness.secrets.get('relayKey')).toBe(after.relayKey);
  });

  it('keeps the settings across a restart', async () => {
    const list = harness.mailjet.seedList({ Name: 'Kept list' });
    await harness.ok('enableReceive', { listId: list.ID });
    await harness.ok('setEventSelection', { events: ['open', 'click'] });
    await harness.ok('setOptions', { namingPreset: 'segment-spec', flattenMode: 'deep', publicUrl: 'https://kept.example.com' });
    const relayKey = (await harness.ok('getConnectionInfo')).relayKey;
    await harness.restart();
    const status = await harness.ok('getStatus');
    expect(status.receive).toMatchObject({ enabled: true, listId: list.ID, listName: 'Kept list', flattenMode: 'deep' });
    expect(status.send).toMatchObject({ enabled: false, events: ['open', 'click'], namingPreset: 'segment-spec' });
    expect(status.publicUrl).toBe('https://kept.example.com');
    expect((await harness.ok('getConnectionInfo')).relayKey).toBe(relayKey);
  });

  it('guards the control API end to end: token, Host and Origin', async () => {
    const url = `${harness.consoleUrl}/api/getStatus`;
    const json = { 'content-type': 'application/json' };
    expect((await fetch(url, { method: 'POST', headers: json, body: '{}' })).status).toBe(401);
    expect((await fetch(url, { method: 'POST', headers: { ...json, authorization: 'Bearer wrong' }, body: '{}' })).status).toBe(401);
    const foreign = await fetch(url, { method: 'POST', headers: { ...json, authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const { request } = await import('node:http');
    const rebound = await new Promise<number>((resolve, reject) => {
      const port = new URL(harness.consoleUrl).port;
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/getStatus', headers: { ...json, authorization: `Bearer ${TOKEN}`, host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebound).toBe(403);
    expect((await harness.call('getStatus')).status).toBe(200);
  });
});
