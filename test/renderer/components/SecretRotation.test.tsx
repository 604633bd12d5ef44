import { act, screen, within } from '@testing-library/react';
import { FakeConnector } from '../fake-connector';
import { renderApp } from '../render-app';

async function connectionDetails(): Promise<HTMLElement> {
  const panel = await screen.findByRole('region', { name: 'Connection details' });
  await within(panel).findByLabelText('Segment Authentication Key');
  return panel;
}

describe('Rotating the relay secrets', () => {
  it('asks first, explaining that Segment breaks until the new key is pasted; Cancel changes nothing', async () => {
    const { fake, user } = renderApp();
    const panel = await connectionDetails();
    const open = within(panel).getByRole('button', { name: 'Rotate key' });
    await user.click(open);
    const confirm = within(panel).getByRole('group', { name: /refuses the old key/ });
    expect(confirm).toHaveTextContent('Segment’s calls fail until you paste the new key into your Segment destination');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(within(panel).queryByRole('group')).not.toBeInTheDocument();
    expect(fake.callsOf('rotateSecret')).toEqual([]);
    await vi.waitFor(() => expect(open).toHaveFocus());
  });

  it('rotates the relay key: busy while it runs, then the new key in the field and what to do next', async () => {
    const fake = new FakeConnector();
    const { user } = renderApp(fake);
    const panel = await connectionDetails();
    const before = fake.connectionInfo.relayKey;
    await user.click(within(panel).getByRole('button', { name: 'Rotate key' }));
    const release = fake.hold('rotateSecret');
    const yes = within(panel).getByRole('button', { name: 'Yes, rotate the key' });
    await user.click(yes);
    await vi.waitFor(() => expect(yes).toHaveAttribute('aria-busy', 'true'));
    expect(yes).toBeDisabled();
    await act(async () => release());
    expect(await within(panel).findByText(/New key shown above\. Paste it into your Segment destination now/)).toBeInTheDocument();
    expect(within(panel).getByLabelText('Segment Authentication Key')).toHaveValue(`${before}x`);
    expect(fake.callsOf('rotateSecret')).toEqual([{ which: 'relayKey' }]);
    // The relay key's copy button keeps its exact name, and copies the new key.
    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(`${before}x`);
  });

  it('rotates the events secret after saying the Mailjet callbacks are re-registered', async () => {
    const fake = new FakeConnector();
    const { user } = renderApp(fake);
    const panel = await connectionDetails();
    vi.spyOn(fake, 'rotateSecret').mockImplementation(async (arg) => {
      fake.calls.push({ method: 'rotateSecret', arg });
      fake.connectionInfo.mailjetCallbackUrl = 'https://mailjet:new_secret@tunnel.example.com/mailjet/events';
      return { ...fake.connectionInfo };
    });
    await user.click(within(panel).getByRole('button', { name: 'Rotate secret' }));
    expect(within(panel).getByRole('group', { name: /re-registers its Mailjet callbacks/ })).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Yes, rotate the secret' }));
    expect(await within(panel).findByText(/New callback URL shown above/)).toBeInTheDocument();
    expect(within(panel).getByLabelText('Mailjet callback URL')).toHaveValue('https://mailjet:new_secret@tunnel.example.com/mailjet/events');
    expect(fake.callsOf('rotateSecret')).toEqual([{ which: 'eventsSecret' }]);
  });

  it('shows the back end’s error in an alert and keeps the confirmation open to try again', async () => {
    const fake = new FakeConnector();
    const { user } = renderApp(fake);
    const panel = await connectionDetails();
    const before = fake.connectionInfo.relayKey;
    fake.failNext('rotateSecret', 'secret_pinned_by_env', 'MJSC_RELAY_KEY is set in the environment, so it cannot be changed here. Unset it or change it where the relay is started.');
    await user.click(within(panel).getByRole('button', { name: 'Rotate key' }));
    await user.click(within(panel).getByRole('button', { name: 'Yes, rotate the key' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('MJSC_RELAY_KEY is set in the environment');
    expect(within(panel).getByRole('button', { name: 'Yes, rotate the key' })).toBeEnabled();
    expect(within(panel).getByLabelText('Segment Authentication Key')).toHaveValue(before);
  });
});
