// RelayConfig (the listener's) loading: defaults, upstream URLs from MJSC_* variables, and clear errors
// for bad values, including a bad --public-url.
import { isLoopbackHost, loadRelayConfig, parsePublicUrl, RelayConfigError } from '../../../main/config/relay-config';

describe('loadRelayConfig', () => {
  it('fills every default', () => {
    expect(loadRelayConfig()).toEqual({
      host: '127.0.0.1',
      port: 8787,
      bodyLimits: { segment: 1024 * 1024, mailjet: 5 * 1024 * 1024 },
      upstream: { mailjetApiUrl: 'https://api.mailjet.com', segmentApiUrl: 'https://api.segment.io' },
    });
  });

  it('takes upstream base URLs from MJSC_MAILJET_API_URL and MJSC_SEGMENT_API_URL, without a trailing slash', () => {
    const config = loadRelayConfig({}, { MJSC_MAILJET_API_URL: 'http://127.0.0.1:9001/', MJSC_SEGMENT_API_URL: 'http://127.0.0.1:9002' });
    expect(config.upstream).toEqual({ mailjetApiUrl: 'http://127.0.0.1:9001', segmentApiUrl: 'http://127.0.0.1:9002' });
  });

  it('treats an empty variable as unset', () => {
    expect(loadRelayConfig({}, { MJSC_SEGMENT_API_URL: '' }).upstream.segmentApiUrl).toBe('https://api.segment.io');
  });

  it('keeps explicit values', () => {
    const config = loadRelayConfig({ host: '0.0.0.0', port: 0, bodyLimits: { segment: 4096 } });
    expect(config).toMatchObject({ host: '0.0.0.0', port: 0, bodyLimits: { segment: 4096, mailjet: 5 * 1024 * 1024 } });
  });

  it.each([
    ['a port out of range', { port: 70000 }, {}, 'port'],
    ['an empty host', { host: ' ' }, {}, 'host'],
    ['a body limit below 1 KiB', { bodyLimits: { mailjet: 10 } }, {}, 'bodyLimits.mailjet'],
    ['a bad Mailjet API URL', {}, { MJSC_MAILJET_API_URL: 'not a url' }, 'MJSC_MAILJET_API_URL'],
  ])('refuses %s with a message naming it', (_name, input, env, named) => {
    expect(() => loadRelayConfig(input, env)).toThrow(RelayConfigError);
    try {
      loadRelayConfig(input, env);
    } catch (error) {
      expect(error).toMatchObject({ code: 'bad_config' });
      expect((error as Error).message).toContain(named);
    }
  });

  it('refuses a URL with credentials and does not repeat them', () => {
    const attempt = (): unknown => loadRelayConfig({}, { MJSC_SEGMENT_API_URL: 'https://user:hunter2@api.segment.io' });
    expect(attempt).toThrow(/MJSC_SEGMENT_API_URL/);
    expect(attempt).not.toThrow(/hunter2/);
  });
});

describe('parsePublicUrl', () => {
  it('keeps an http(s) URL without its trailing slash', () => {
    expect(parsePublicUrl('https://abc.ngrok.app/')).toBe('https://abc.ngrok.app');
  });

  it.each(['ftp://example.com', 'not a url', 'https://user:hunter2@tunnel.example.com'])('refuses %s, naming publicUrl and not repeating it', (value) => {
    const attempt = (): unknown => parsePublicUrl(value);
    expect(attempt).toThrow(RelayConfigError);
    expect(attempt).toThrow(/publicUrl must be an http\(s\) URL/);
    expect(attempt).not.toThrow(/hunter2/);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['192.168.1.5', false],
    ['example.com', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
