// saveCredentials and getStatus through the HTTP control API when no keychain is usable: saving stops
// with the keychain's advice (503) and nothing is kept, unless the environment pins every key saved.
import { createKeychainlessSecretStore } from '../../../main/secrets/keychainless-secret-store';
import { KEYS, readAllFiles, startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

const ADVICE = 'Your login keyring is locked: unlock it (e.g. in Seahorse) and try again.';

let harness: ConnectorHarness;
afterEach(async () => {
  await harness?.stop();
});

it('refuses to save keys with 503 keychain_unavailable and the advice, stores nothing, and the status says so', async () => {
  const secrets = createKeychainlessSecretStore({}, ADVICE);
  harness = await startConnectorHarness({ secrets });
  const answer = await harness.call('saveCredentials', { ...KEYS });
  expect(answer.status).toBe(503);
  expect(answer.error).toEqual({ code: 'keychain_unavailable', message: expect.stringMatching(/^Your login keyring is locked: unlock it .*restart the connector/) });
  expect(JSON.stringify(answer.error)).not.toContain(KEYS.mailjetSecretKey);
  for (const name of ['mailjetApiKey', 'mailjetSecretKey', 'segmentWriteKey'] as const) expect(await secrets.get(name)).toBeUndefined();
  // Refused before the check: Mailjet never saw the keys.
  expect(harness.mailjet.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/v3/REST/contactslist'))).toEqual([]);

  const { credentials } = await harness.ok('getStatus');
  expect(credentials).toEqual({ mailjet: 'missing', segment: 'missing', source: 'unavailable', problem: { code: 'keychain_unavailable', message: answer.error?.message } });
  for (const file of readAllFiles(harness.dataDir)) {
    for (const value of Object.values(KEYS)) expect(file.bytes.includes(value), `${value} in ${file.path}`).toBe(false);
  }
});

it('refuses a mix of pinned and unpinned keys the same way', async () => {
  harness = await startConnectorHarness({ secrets: createKeychainlessSecretStore({ MJSC_SEGMENT_WRITE_KEY: KEYS.segmentWriteKey }, ADVICE) });
  const answer = await harness.call('saveCredentials', { segmentWriteKey: KEYS.segmentWriteKey, mailjetApiKey: KEYS.mailjetApiKey, mailjetSecretKey: KEYS.mailjetSecretKey });
  expect(answer).toMatchObject({ status: 503, error: { code: 'keychain_unavailable' } });
});

it('answers 409 as today when every key saved is pinned by the environment', async () => {
  harness = await startConnectorHarness({ secrets: createKeychainlessSecretStore({ MJSC_SEGMENT_WRITE_KEY: KEYS.segmentWriteKey }, ADVICE) });
  const answer = await harness.call('saveCredentials', { segmentWriteKey: 'anotherWriteKey123' });
  expect(answer).toMatchObject({ status: 409, error: { code: 'secret_pinned_by_env', message: expect.stringContaining('MJSC_SEGMENT_WRITE_KEY') } });
  expect((await harness.ok('getStatus')).credentials).toMatchObject({ segment: 'present', source: 'unavailable', problem: { code: 'keychain_unavailable' } });
});

it('still rotates the relay key, in memory', async () => {
  harness = await startConnectorHarness({ secrets: createKeychainlessSecretStore({}, ADVICE) });
  const before = await harness.ok('getConnectionInfo');
  const after = await harness.ok('rotateSecret', { which: 'relayKey' });
  expect(after.relayKey).not.toBe(before.relayKey);
});
