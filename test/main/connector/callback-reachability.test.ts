// The reachability rule as a table: which callback base a Mailjet API can reach (docs/architecture.md
// "Reachability"). A public Mailjet API reaches only a proven public https URL; the emulators anything.
import { hostScope, judgeCallbackReachability } from '../../../main/connector/callback-reachability';

const PUBLIC_API = 'https://api.mailjet.com';
const EMULATOR_API = 'http://127.0.0.1:18601';

describe('hostScope', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['localhost', 'loopback'],
    ['relay.localhost', 'loopback'],
    ['10.1.2.3', 'private'],
    ['192.168.1.20', 'private'],
    ['172.16.0.9', 'private'],
    ['169.254.10.1', 'private'],
    ['100.64.0.1', 'private'],
    ['[fd00::2]', 'private'],
    ['0.0.0.0', 'private'],
    ['my-laptop', 'private'],
    ['printer.local', 'private'],
    ['mailjet-api.test', 'private'],
    ['8.8.8.8', 'public'],
    ['[2606:4700::6810:84e5]', 'public'],
    ['quiet-fox-lake.trycloudflare.com', 'public'],
    ['abcd-1-2-3-4.ngrok-free.app', 'public'],
  ])('%s is %s', (host, scope) => {
    expect(hostScope(host)).toBe(scope);
  });
});

describe('judgeCallbackReachability', () => {
  it.each([
    // [base, isPublicUrl, Mailjet API, proven, verdict]
    ['http://127.0.0.1:8787', false, PUBLIC_API, false, 'no_public_url'],
    ['http://tunnel.example.org', true, PUBLIC_API, true, 'not_https'],
    ['https://10.0.0.5', true, PUBLIC_API, true, 'not_public'],
    ['https://127.0.0.1:8787', true, PUBLIC_API, true, 'not_public'],
    ['https://relay.local', true, PUBLIC_API, true, 'not_public'],
    ['https://quiet-fox-lake.trycloudflare.com', true, PUBLIC_API, false, 'not_proven'],
    ['https://quiet-fox-lake.trycloudflare.com', true, PUBLIC_API, true, 'usable'],
    ['http://127.0.0.1:8787', false, EMULATOR_API, false, 'usable'],
    ['http://127.0.0.1:40123', true, EMULATOR_API, false, 'usable'],
    ['http://192.168.1.20:8787', true, 'http://localhost:18601', false, 'usable'],
    ['http://127.0.0.1:8787', false, 'http://mailjet-api.test:18601', false, 'no_public_url'],
    ['http://127.0.0.1:8787', false, 'http://10.0.0.2:18601', false, 'no_public_url'],
  ])('base %s (public URL: %s) for %s, proven %s: %s', (baseUrl, isPublicUrl, mailjetApiUrl, proven, expected) => {
    const verdict = judgeCallbackReachability({ baseUrl, isPublicUrl, mailjetApiUrl, proven });
    expect(verdict.usable ? 'usable' : verdict.reason).toBe(expected);
  });
});
