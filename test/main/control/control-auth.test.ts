import { generateConsoleToken, isAllowedOrigin, isConsoleTokenValid, isLoopbackHostHeader } from '../../../main/control/control-auth';

describe('console door checks', () => {
  it.each([
    ['Bearer abc123', true],
    ['bearer abc123', true],
    ['Bearer  abc123 ', true],
    ['Bearer abc1234', false],
    ['Bearer abc12', false],
    ['Bearer', false],
    ['abc123', false],
    [undefined, false],
  ])('Authorization %j -> %s', (header, ok) => {
    expect(isConsoleTokenValid(header, 'abc123')).toBe(ok);
  });

  it('never accepts anything when the token is empty', () => {
    expect(isConsoleTokenValid('Bearer ', '')).toBe(false);
  });

  it.each([
    ['127.0.0.1:8788', true],
    ['localhost:8788', true],
    ['[::1]:8788', true],
    ['127.0.0.1', false],
    ['127.0.0.1:8787', false],
    ['127.0.0.2:8788', false],
    ['example.com:8788', false],
    ['localhost.example.com:8788', false],
    [undefined, false],
  ])('Host %j on port 8788 -> %s', (host, ok) => {
    expect(isLoopbackHostHeader(host, 8788)).toBe(ok);
  });

  it('accepts a Host without a port only on port 80', () => {
    expect(isLoopbackHostHeader('localhost', 80)).toBe(true);
  });

  it.each([
    [undefined, true],
    ['http://127.0.0.1:8788', true],
    ['http://localhost:8788', true],
    ['https://127.0.0.1:8788', false],
    ['http://127.0.0.1:8787', false],
    ['null', false],
    ['https://evil.example.com', false],
  ])('Origin %j -> %s', (origin, ok) => {
    expect(isAllowedOrigin(origin, 8788)).toBe(ok);
  });

  it('generates distinct URL-safe tokens', () => {
    const a = generateConsoleToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generateConsoleToken()).not.toBe(a);
  });
});
