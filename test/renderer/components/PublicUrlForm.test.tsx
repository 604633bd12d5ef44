import { screen } from '@testing-library/react';
import { FakeConnector } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

describe('PublicUrlForm', () => {
  it('explains why Mailjet needs a tunnel and saves the pasted URL', async () => {
    const relayOnOtherPort = new FakeConnector();
    relayOnOtherPort.state.relayUrl = 'http://127.0.0.1:41189';
    const { fake, user } = renderApp(relayOnOtherPort);
    await statusLoaded();
    expect(screen.getByText(/Mailjet must reach the callback URL from the internet/)).toBeInTheDocument();
    expect(screen.getByText(/To test locally without one/)).toBeInTheDocument();
    // The tunnel examples name the relay's real port, not a default.
    expect(screen.getByText('ngrok http 41189')).toBeInTheDocument();
    expect(screen.getByText('cloudflared tunnel --url http://127.0.0.1:41189')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Public URL' }), 'https://abc.trycloudflare.com');
    await user.click(screen.getByRole('button', { name: 'Save public URL' }));
    await vi.waitFor(() => expect(fake.callsOf('setOptions')).toEqual([{ publicUrl: 'https://abc.trycloudflare.com' }]));
  });

  it('clears the public URL when the field is emptied', async () => {
    const seeded = new FakeConnector();
    seeded.state.publicUrl = 'https://old.example.com';
    const { user } = renderApp(seeded);
    const field = await screen.findByDisplayValue('https://old.example.com');
    await user.clear(field);
    await user.click(screen.getByRole('button', { name: 'Save public URL' }));
    await vi.waitFor(() => expect(seeded.callsOf('setOptions')).toEqual([{ publicUrl: null }]));
  });
});
