import { buildConnectionInfo, buildMailjetCallbackUrl, isOurCallbackUrl, maskConnectionInfo } from '../../../main/connector/connection-info';

const SECRET = 'ev_0123456789abcdefABCDEF';

describe('connection info', () => {
  it('builds every URL on the relay URL when no public URL is set', () => {
    expect(buildConnectionInfo({ relayUrl: 'http://127.0.0.1:8787', publicUrl: null, relayKey: 'rk', eventsSecret: SECRET })).toEqual({
      relayKey: 'rk',
      segmentWebhookUrl: 'http://127.0.0.1:8787/segment',
      trackingApiHost: 'http://127.0.0.1:8787',
      mailjetCallbackUrl: `http://mailjet:${SECRET}@127.0.0.1:8787/mailjet/events`,
    });
  });

  it('prefers the public URL, keeping its path and dropping a trailing slash', () => {
    const info = buildConnectionInfo({ relayUrl: 'http://127.0.0.1:8787', publicUrl: 'https://tunnel.example.com/mj/', relayKey: 'rk', eventsSecret: SECRET });
    expect(info.segmentWebhookUrl).toBe('https://tunnel.example.com/mj/segment');
    expect(info.trackingApiHost).toBe('https://tunnel.example.com/mj');
    expect(info.mailjetCallbackUrl).toBe(`https://mailjet:${SECRET}@tunnel.example.com/mj/mailjet/events`);
  });

  it('masks the events secret in the display form', () => {
    const info = buildConnectionInfo({ relayUrl: 'http://127.0.0.1:8787', relayKey: 'rk', eventsSecret: SECRET });
    const masked = maskConnectionInfo(info);
    expect(masked.mailjetCallbackUrl).toBe('http://mailjet:••••@127.0.0.1:8787/mailjet/events');
    expect(JSON.stringify(masked)).not.toContain(SECRET);
    expect(JSON.stringify(masked)).not.toContain('rk');
  });

  it.each([
    [buildMailjetCallbackUrl('http://127.0.0.1:8787', 'old-secret'), true],
    ['http://127.0.0.1:8787/mailjet/events/', true],
    ['http://127.0.0.1:8788/mailjet/events', false],
    ['https://127.0.0.1:8787/mailjet/events', false],
    ['http://127.0.0.1:8787/other', false],
    ['https://hooks.example.com/mailjet/events', false],
    ['not a url', false],
  ])('isOurCallbackUrl(%j) is %s', (candidate, ours) => {
    expect(isOurCallbackUrl(candidate, 'http://127.0.0.1:8787')).toBe(ours);
  });
});
