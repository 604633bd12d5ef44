// Reading the tunnel's public URL and errors from cloudflared's and ngrok's own log output (fixtures
// in test/fixtures/tunnels, sources in its README).
import { createTunnelReader, type TunnelLine } from '../../../main/tunnel/tunnel-output';
import { readFixtureText } from '../../fixtures/fixture-text';

function readAll(program: 'cloudflared' | 'ngrok', fixture: string): { urls: string[]; errors: string[] } {
  const reader = createTunnelReader(program);
  const lines: TunnelLine[] = readFixtureText(`tunnels/${fixture}`).split('\n').map((line) => reader.read(line));
  return { urls: lines.flatMap((line) => line.url ?? []), errors: lines.flatMap((line) => line.error ?? []) };
}

it('cloudflared: the quick tunnel URL from the box, not the origin URL of the Settings line', () => {
  expect(readAll('cloudflared', 'cloudflared-quick-tunnel.log')).toEqual({ urls: ['https://amber-kettle-signal-harbor.trycloudflare.com'], errors: [] });
});

it('cloudflared: a failed quick tunnel request is its error', () => {
  const { urls, errors } = readAll('cloudflared', 'cloudflared-request-failed.log');
  expect(urls).toEqual([]);
  expect(errors).toEqual([expect.stringMatching(/^failed to request quick Tunnel: .*no such host$/)]);
});

it('ngrok: the url of the "started tunnel" record', () => {
  expect(readAll('ngrok', 'ngrok-json.log')).toEqual({ urls: ['https://5e1d-203-0-113-9.ngrok-free.app'], errors: [] });
});

it('ngrok: an error record gives its err text', () => {
  expect(readAll('ngrok', 'ngrok-auth-failed.log').errors).toEqual([expect.stringMatching(/^authentication failed/)]);
});
