// Foreign callback URLs are masked in their query string too, wherever they are shown or stored.
import { maskUrlCredentials, redactUrlCredentials } from '../../../main/logging/secret-masking';
import { maskQuerySecrets, redactSecrets } from '../../../main/logging/redaction';

it.each([
  ['https://hooks.example.com/mj?token=abc123&list=7', 'https://hooks.example.com/mj?token=***&list=7'],
  ['https://hooks.example.com/mj?api_key=abc&sig=def&auth=ghi', 'https://hooks.example.com/mj?api_key=***&sig=***&auth=***'],
  ['https://hooks.example.com/mj?password=p&x-api-key=k&clientSecret=s', 'https://hooks.example.com/mj?password=***&x-api-key=***&clientSecret=***'],
  ['https://hooks.example.com/mj?list=7&page=2', 'https://hooks.example.com/mj?list=7&page=2'],
])('masks the credential values of %s', (url, masked) => {
  expect(maskQuerySecrets(url)).toBe(masked);
  expect(redactSecrets(`Mailjet said: callback ${url} failed`)).toContain(masked);
});

it('masks both userinfo and query values of a foreign callback shown in a conflict', () => {
  expect(maskUrlCredentials('https://crm:hunter2@hooks.example.com/mj?key=s3cr3t&x=1')).toBe('https://crm:••••@hooks.example.com/mj?key=***&x=1');
  expect(maskUrlCredentials('https://hooks.example.com/mj?secret=s3cr3t')).toBe('https://hooks.example.com/mj?secret=***');
  expect(redactUrlCredentials('see https://hooks.example.com/mj?token=t0k3n')).toBe('see https://hooks.example.com/mj?token=***');
});
