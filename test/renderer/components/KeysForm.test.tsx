import { screen, waitFor, within } from '@testing-library/react';
import { FakeConnector } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

describe('KeysForm', () => {
  it('saves the keys, clears the fields and shows only the masked stored values', async () => {
    const { fake, user } = renderApp();
    await statusLoaded();
    expect(screen.getByLabelText('Mailjet secret key')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('Segment write key')).toHaveAttribute('type', 'password');

    await user.type(screen.getByLabelText('Mailjet API key'), 'mjapikey0001');
    await user.type(screen.getByLabelText('Mailjet secret key'), 'mjsecret9999');
    await user.type(screen.getByLabelText('Segment write key'), 'segwrite3f9a');
    await user.click(screen.getByRole('button', { name: 'Save keys' }));

    expect(await screen.findByText('Mailjet keys checked with Mailjet and saved; Segment write key saved.')).toBeInTheDocument();
    expect(fake.callsOf('saveCredentials')).toEqual([
      { mailjetApiKey: 'mjapikey0001', mailjetSecretKey: 'mjsecret9999', segmentWriteKey: 'segwrite3f9a' },
    ]);
    expect(screen.getByLabelText('Mailjet API key')).toHaveValue('');
    expect(screen.getByLabelText('Mailjet secret key')).toHaveValue('');
    expect(screen.getByText('••••0001')).toBeInTheDocument();
    expect(screen.getByText('••••3f9a')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('mjsecret9999');
  });

  it.each([
    ['credentials_invalid', 'Mailjet refused these keys. Copy both keys again from Account settings → API key management.'],
    ['mailjet_unreachable', 'Mailjet could not be reached to check the keys. Check your internet connection and save again.'],
    ['keychain_locked', 'The system keychain is locked. Unlock it (log in again or open your keyring) and save again.'],
  ])('shows the back end’s %s message in an alert and keeps what was typed', async (code, message) => {
    const { fake, user } = renderApp();
    await statusLoaded();
    fake.failNext('saveCredentials', code, message);
    await user.type(screen.getByLabelText('Mailjet API key'), 'wrongkey');
    await user.click(screen.getByRole('button', { name: 'Save keys' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(screen.getByLabelText('Mailjet API key')).toHaveValue('wrongkey');
  });

  it('disables Save keys and marks it busy while the keys are being checked', async () => {
    const { fake, user } = renderApp();
    await statusLoaded();
    const release = fake.hold('saveCredentials');
    await user.type(screen.getByLabelText('Segment write key'), 'segkey');
    const save = screen.getByRole('button', { name: 'Save keys' });
    await user.click(save);
    expect(save).toBeDisabled();
    expect(save).toHaveAttribute('aria-busy', 'true');
    release();
    await waitFor(() => expect(save).not.toHaveAttribute('aria-busy'));
    expect(fake.callsOf('saveCredentials')).toHaveLength(1);
  });

  it('never claims a check of the Segment write key: saved, then accepted only after a delivery', async () => {
    // Short polls: the status after a delivery reaches the form without another action.
    const { fake, user } = renderApp(new FakeConnector(), 200);
    await statusLoaded();
    await user.type(screen.getByLabelText('Segment write key'), 'segwrite3f9a');
    await user.click(screen.getByRole('button', { name: 'Save keys' }));
    expect(await screen.findByText('Segment write key saved.')).toBeInTheDocument();
    expect(screen.queryByText(/checked/)).toBeNull();
    expect(screen.getByText(/Saved\. Segment checks it when the first event is delivered\./)).toBeInTheDocument();
    fake.state.credentials.segment = 'accepted';
    expect(await screen.findByText(/Accepted by Segment: an event was delivered with it\./, {}, { timeout: 5000 })).toBeInTheDocument();
  });

  it('shows a credentials problem reported by the status', async () => {
    const { fake } = renderApp();
    fake.state.credentials = { mailjet: 'invalid', segment: 'missing', source: 'keychain', problem: { code: 'credentials_invalid', message: 'Mailjet no longer accepts the stored keys. Enter new keys.' } };
    const keys = screen.getByRole('region', { name: 'Keys' });
    expect(await within(keys).findByRole('alert')).toHaveTextContent('Mailjet no longer accepts the stored keys. Enter new keys.');
  });
});
