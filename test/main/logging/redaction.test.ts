import { addSecrets, clearSecrets, createRedactionMemo, redactSecrets, registerSecret } from '../../../main/logging/redaction';

const RELAY_KEY = 'rk_live_7f3a9c0b1d2e';
const MJ_SECRET = 'mj-secret-e8d7c6b5a4';

describe('redactSecrets', () => {
  beforeEach(() => {
    clearSecrets();
    addSecrets([RELAY_KEY, MJ_SECRET, undefined]);
  });

  it.each([
    ['a registered key in free text', `calling with ${RELAY_KEY} now`, RELAY_KEY],
    ['a registered key inside a longer token', `x${MJ_SECRET}y`, MJ_SECRET],
    ['URL userinfo password', 'POST https://mailjet:hunter2-pass@relay.example.com/mailjet/events', 'hunter2-pass'],
    ['URL userinfo without password', 'GET https://writekey123@api.segment.io/v1/batch', 'writekey123'],
    ['Authorization header as text', 'headers: Authorization: Bearer abc.def.ghi', 'abc.def.ghi'],
    ['Authorization in JSON text', '{"headers":{"Authorization":"Basic bWFpbGpldDpzZWNyZXQ="}}', 'bWFpbGpldDpzZWNyZXQ='],
    ['writeKey in a JSON body', '{"writeKey":"wk-1234567","type":"track"}', 'wk-1234567'],
    ['a key in a callback URL query', 'https://relay.example.com/segment?key=qwerty12345&x=1', 'qwerty12345'],
  ])('masks %s', (_name, text, secret) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('***');
  });

  it('keeps the visible parts of a URL so the log stays useful', () => {
    expect(redactSecrets('https://user:pass@host.example/path?q=1')).toBe('https://user:***@host.example/path?q=1');
  });

  it('walks objects, arrays and errors, masking secret-named keys and registered values', () => {
    const error = new Error(`upstream refused ${MJ_SECRET}`);
    const out = redactSecrets({
      headers: { authorization: 'Bearer abc', 'X-Signature': 'deadbeef', host: 'relay.local' },
      config: { mailjetSecretKey: 'zzz', listId: 10 },
      urls: [`https://mailjet:${MJ_SECRET}@h/mailjet/events`],
      error,
    });
    const text = JSON.stringify(out) + String(out.error.stack);
    for (const secret of ['Bearer abc', 'deadbeef', 'zzz', MJ_SECRET]) expect(text).not.toContain(secret);
    expect(out.headers.host).toBe('relay.local');
    expect(out.config.listId).toBe(10);
    expect(error.message).toContain(MJ_SECRET); // the caller's object is left alone
  });

  it('masks a secret registered later, and ignores values too short to be keys', () => {
    registerSecret('late-added-secret');
    registerSecret('ab');
    expect(redactSecrets('late-added-secret ab')).toBe('*** ab');
  });

  it('a memo of redacted header values masks a secret registered after it first saw the value', () => {
    const redactHeader = createRedactionMemo();
    const userAgent = 'sender/1.0 (token late-registered-key)';
    expect(redactHeader(userAgent)).toBe(userAgent);
    registerSecret('late-registered-key');
    expect(redactHeader(userAgent)).toBe('sender/1.0 (token ***)');
    expect(redactHeader(`${RELAY_KEY} via proxy`)).toBe('*** via proxy');
  });
});
