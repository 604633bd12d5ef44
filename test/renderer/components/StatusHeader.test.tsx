import { screen } from '@testing-library/react';
import { FakeConnector } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

describe('StatusHeader', () => {
  it("says when no keychain is usable, with the relay's own reason and what to install or unlock", async () => {
    const fake = new FakeConnector();
    fake.state.credentials = {
      mailjet: 'missing',
      segment: 'missing',
      source: 'unavailable',
      problem: { code: 'keychain_unavailable', message: 'No Secret Service is running. Install gnome-keyring (or KeePassXC) and unlock it, or set MJSC_MAILJET_API_KEY and MJSC_MAILJET_SECRET_KEY.' },
    };
    renderApp(fake);
    await statusLoaded();
    expect(screen.getByRole('list', { name: 'Connector status' })).toHaveTextContent(
      'Keychain: unavailable — No Secret Service is running. Install gnome-keyring (or KeePassXC) and unlock it, or set MJSC_MAILJET_API_KEY and MJSC_MAILJET_SECRET_KEY.',
    );
  });

  it('still says the keychain is unavailable when the relay gives no reason', async () => {
    const fake = new FakeConnector();
    fake.state.credentials.source = 'unavailable';
    renderApp(fake);
    await statusLoaded();
    expect(screen.getByRole('list', { name: 'Connector status' })).toHaveTextContent('Keychain: unavailable — keys cannot be saved here; set them in the MJSC_* environment variables');
  });

  it('says nothing about the keychain when it works', async () => {
    renderApp();
    await statusLoaded();
    expect(screen.getByRole('list', { name: 'Connector status' })).not.toHaveTextContent('Keychain');
  });
});
