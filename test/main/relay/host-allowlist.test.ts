// The Host header rule (docs/architecture.md#security-rules), as a table.
import { isHostAllowed } from '../../../main/relay/host-allowlist';

describe('isHostAllowed', () => {
  const rule = { port: 8787, publicUrl: 'https://hooks.example.org' };
  it.each([
    ['127.0.0.1:8787', true],
    ['localhost:8787', true],
    ['LOCALHOST:8787', true],
    ['[::1]:8787', true],
    ['127.0.0.2:8787', true],
    ['hooks.example.org', true],
    ['hooks.example.org:443', true],
    ['localhost', false],
    ['127.0.0.1:8788', false],
    ['hooks.example.org:80', false],
    ['evil.example.org', false],
    ['hooks.example.org.evil.com', false],
    ['0.0.0.0:8787', false],
    ['192.168.1.10:8787', false],
    ['', false],
    [undefined, false],
  ])('%j -> %s', (header, expected) => {
    expect(isHostAllowed(header, rule)).toBe(expected);
  });

  it('allows bare loopback names only when the relay is on port 80', () => {
    expect(isHostAllowed('localhost', { port: 80, publicUrl: null })).toBe(true);
  });

  it('matches an http public URL with an explicit port', () => {
    expect(isHostAllowed('tunnel.local:8080', { port: 8787, publicUrl: 'http://tunnel.local:8080/base' })).toBe(true);
    expect(isHostAllowed('tunnel.local', { port: 8787, publicUrl: 'http://tunnel.local:8080/base' })).toBe(true);
  });
});
