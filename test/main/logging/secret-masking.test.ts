import { maskSecret, maskUrlCredentials, redactUrlCredentials } from '../../../main/logging/secret-masking';

describe('secret masking', () => {
  it.each([
    ['0123456789abcdef', '••••cdef'],
    ['short', '••••'],
    ['', '••••'],
  ])('maskSecret(%j) shows %j', (value, shown) => {
    expect(maskSecret(value)).toBe(shown);
  });

  it.each([
    ['https://mailjet:s3cret-value@hooks.example.com/mj?x=1', 'https://mailjet:••••@hooks.example.com/mj?x=1'],
    ['https://tokenonly@hooks.example.com/mj', 'https://••••@hooks.example.com/mj'],
    ['https://hooks.example.com/mj', 'https://hooks.example.com/mj'],
    ['http://u:p@127.0.0.1:8787/mailjet/events', 'http://u:••••@127.0.0.1:8787/mailjet/events'],
    ['https://crm%20user:pw@hooks.example.com/mj', 'https://crm user:••••@hooks.example.com/mj'],
    // A malformed percent-escape in the user name must not break masking (it used to throw URIError).
    ['https://bad%ZZuser:hunter2pass@hooks.example.com/mj', 'https://bad%ZZuser:••••@hooks.example.com/mj'],
  ])('maskUrlCredentials(%j) is %j', (url, shown) => {
    expect(maskUrlCredentials(url)).toBe(shown);
  });

  it('masks URL userinfo inside free text', () => {
    const text = 'value "https://mailjet:abc123@x.test/e" and http://tok@y.test/ exist';
    expect(redactUrlCredentials(text)).toBe('value "https://mailjet:••••@x.test/e" and http://••••@y.test/ exist');
  });
});
