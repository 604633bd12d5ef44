import { screen, within } from '@testing-library/react';
import { FakeConnector } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

const publicUrlCard = () => screen.getByRole('region', { name: 'Public URL' });

describe('TunnelControls', () => {
  it('starts a tunnel and shows its URL, the proof result and Stop', async () => {
    const fake = new FakeConnector();
    fake.state.tunnel = { state: 'off', available: ['cloudflared'] };
    const { user } = renderApp(fake);
    await statusLoaded();
    await user.click(within(publicUrlCard()).getByRole('button', { name: 'Start a tunnel' }));
    expect(fake.callsOf('startTunnel')).toEqual([{ program: 'cloudflared' }]);
    expect(await within(publicUrlCard()).findByText(/cloudflared is running at https:\/\/quiet-fox-lake\.trycloudflare\.com/)).toBeInTheDocument();
    expect(within(publicUrlCard()).getByText('https://quiet-fox-lake.trycloudflare.com reaches this relay.')).toBeInTheDocument();
    expect(within(publicUrlCard()).getByRole('textbox', { name: 'Public URL' })).toHaveValue('https://quiet-fox-lake.trycloudflare.com');
    await user.click(within(publicUrlCard()).getByRole('button', { name: 'Stop the tunnel' }));
    expect(fake.callsOf('stopTunnel')).toHaveLength(1);
  });

  it('says how to install a tunnel program when none is found, and shows why a start failed', async () => {
    const fake = new FakeConnector();
    fake.state.tunnel = { state: 'off', available: [] };
    const { user } = renderApp(fake);
    await statusLoaded();
    expect(within(publicUrlCard()).getByText(/No tunnel program was found/)).toHaveTextContent('brew install cloudflared');
    fake.failNext('startTunnel', 'tunnel_program_missing', 'cloudflared was not found on PATH. Install cloudflared.');
    await user.click(within(publicUrlCard()).getByRole('button', { name: 'Start a tunnel' }));
    expect(await within(publicUrlCard()).findByRole('alert')).toHaveTextContent('cloudflared was not found on PATH.');
  });

  it('shows a failed proof of a saved URL as a warning with its reason', async () => {
    const fake = new FakeConnector();
    fake.state.publicUrl = 'https://gone.example.org';
    fake.state.publicUrlCheck = { url: 'https://gone.example.org', result: 'dns', message: 'gone.example.org does not resolve in DNS.', checkedAt: '2026-12-01T20:00:00.000Z' };
    renderApp(fake);
    await statusLoaded();
    expect(within(publicUrlCard()).getByText('gone.example.org does not resolve in DNS.')).toHaveClass('alert-warning');
  });
});
