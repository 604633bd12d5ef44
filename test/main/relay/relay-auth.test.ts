// Credential checks, table-driven: every accepted form and the near misses around it.
import { createHmac } from 'node:crypto';
import { isMailjetAuthorization, isRelayKeyAuthorization, isValidSignature, matchesSecret, parseBasic } from '../../../main/relay/relay-auth';

const KEY = 'rk_0123456789abcdef';
const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('matchesSecret', () => {
  it.each([
    ['the same secret', KEY, KEY, true],
    ['a prefix', KEY.slice(0, 5), KEY, false],
    ['a longer string', `${KEY}x`, KEY, false],
    ['empty against empty secret', '', '', false],
    ['anything when no secret exists', 'x', undefined, false],
    ['empty when no secret exists', '', undefined, false],
  ])('%s -> %s', (_name, candidate, secret, expected) => {
    expect(matchesSecret(candidate, secret)).toBe(expected);
  });
});

describe('isRelayKeyAuthorization', () => {
  it.each([
    [`Bearer ${KEY}`, true],
    [`bearer ${KEY}`, true],
    [`Basic ${b64(`${KEY}:`)}`, true],
    [`Basic ${b64(KEY)}`, true],
    [`Basic ${b64(`${KEY}:ignored-password`)}`, true],
    [`Bearer ${KEY}x`, false],
    [`Basic ${b64(`x:${KEY}`)}`, false],
    ['Bearer', false],
    ['Basic !!!', false],
    [KEY, false],
    [undefined, false],
  ])('%j -> %s', (header, expected) => {
    expect(isRelayKeyAuthorization(header, KEY)).toBe(expected);
  });
});

describe('isValidSignature', () => {
  const body = Buffer.from('{"type":"identify","userId":"1"}');
  const good = createHmac('sha1', KEY).update(body).digest('hex');
  it.each([
    ['the right HMAC', good, true],
    ['the right HMAC in upper case', good.toUpperCase(), true],
    ['a different length', good.slice(0, 10), false],
    ['empty', '', false],
    ['an HMAC with another key', createHmac('sha1', 'other').update(body).digest('hex'), false],
  ])('%s -> %s', (_name, signature, expected) => {
    expect(isValidSignature(signature, body, KEY)).toBe(expected);
  });

  it('refuses every signature when no relay key exists', () => {
    expect(isValidSignature(createHmac('sha1', '').update(body).digest('hex'), body, undefined)).toBe(false);
  });
});

describe('isMailjetAuthorization', () => {
  it.each([
    [`Basic ${b64('mailjet:s3cret')}`, true],
    [`Basic ${b64('mailjet:s3cret2')}`, false],
    [`Basic ${b64('admin:s3cret')}`, false],
    [`Basic ${b64('mailjet:')}`, false],
    ['Bearer s3cret', false],
    [undefined, false],
  ])('%j -> %s', (header, expected) => {
    expect(isMailjetAuthorization(header, 's3cret')).toBe(expected);
  });

  it('refuses mailjet: with an empty password when no events secret exists', () => {
    expect(isMailjetAuthorization(`Basic ${b64('mailjet:')}`, undefined)).toBe(false);
    expect(isMailjetAuthorization(`Basic ${b64('mailjet:')}`, '')).toBe(false);
  });
});

describe('parseBasic', () => {
  it('splits at the first colon only, so passwords may hold colons', () => {
    expect(parseBasic(`Basic ${b64('mailjet:a:b')}`)).toEqual({ user: 'mailjet', password: 'a:b' });
  });
});
