// Credential checks against the Mailjet emulator: what saveCredentials learns before it stores keys.
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { checkMailjetCredentials } from '../../../main/connector/credential-check';
import { createMailjetRest } from '../../../main/upstream/mailjet/rest-core';

let emulator: MailjetEmulator;

beforeEach(async () => {
  emulator = await startMailjetEmulator();
});

afterEach(async () => {
  await emulator.stop();
});

const restWith = (baseUrl: string, apiKey: string, secretKey: string) => createMailjetRest({ baseUrl, credentials: () => ({ apiKey, secretKey }) });

describe('checkMailjetCredentials', () => {
  it('accepts working keys with one cheap call', async () => {
    expect(await checkMailjetCredentials(restWith(emulator.url, emulator.apiKey, emulator.secretKey))).toEqual({ state: 'ok' });
    expect(emulator.requests.map((request) => [request.method, request.path, request.query.Limit])).toEqual([['GET', '/v3/REST/contactslist', '1']]);
  });

  it('reports wrong keys as invalid, saying what to check, without echoing them', async () => {
    const result = await checkMailjetCredentials(restWith(emulator.url, emulator.apiKey, 'wrong-secret-key-123456'));
    expect(result).toMatchObject({ state: 'invalid', code: 'mailjet_credentials_invalid', retryable: false });
    if (result.state === 'ok') throw new Error('expected a failure');
    expect(result.message).toMatch(/API key and secret key/);
    expect(result.message).not.toContain('wrong-secret-key-123456');
    expect(result.message).not.toContain(emulator.apiKey);
  });

  it('reports a closed port as unreachable', async () => {
    const gone = await startMailjetEmulator();
    const url = gone.url;
    await gone.stop();
    const result = await checkMailjetCredentials(restWith(url, 'k', 's'));
    expect(result).toMatchObject({ state: 'unreachable', code: 'mailjet_unreachable', retryable: true });
  });

  it('reports a Mailjet outage as other, retryable', async () => {
    emulator.inject('GET /v3/REST/contactslist', { status: 503 });
    const result = await checkMailjetCredentials(restWith(emulator.url, emulator.apiKey, emulator.secretKey));
    expect(result).toMatchObject({ state: 'other', code: 'mailjet_unavailable', retryable: true });
  });
});
