import { act, screen, within } from '@testing-library/react';
import { FakeConnector } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

const FIXED_WORDS = ['Sent', 'Open', 'Click', 'Bounce', 'Spam', 'Blocked', 'Unsubscribe'];

async function sendSection(): Promise<HTMLElement> {
  await statusLoaded();
  return screen.getByRole('region', { name: 'Send data to Segment' });
}

function withForeignCallbacks(): FakeConnector {
  const fake = new FakeConnector();
  fake.foreignCallbacks = [
    { eventType: 'open', url: 'https://crm.example.com/hooks/mailjet' },
    { eventType: 'click', url: 'https://user:••••@old.example.com/events' },
  ];
  return fake;
}

describe('SendSection', () => {
  it('shows seven event checkboxes, all checked, named by the fixed words and their Segment names', async () => {
    renderApp();
    const boxes = within(await sendSection()).getAllByRole('checkbox').filter((b) => b.id.startsWith('event-'));
    expect(boxes).toHaveLength(7);
    boxes.forEach((box, i) => {
      expect(box).toBeChecked();
      expect(box).toHaveAccessibleName(expect.stringMatching(new RegExp(`^${FIXED_WORDS[i]}\\b`)));
    });
    expect(screen.getByRole('checkbox', { name: 'Sent → Delivered' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Blocked → Blocked' })).toBeInTheDocument();
  });

  it.each([
    ['default', 'Sent → Delivered', 'Blocked → Blocked'],
    ['segment-spec', 'Sent → Email Delivered', 'Blocked → Email Blocked'],
  ] as const)('the %s naming preset names the events accordingly and is saved', async (preset, sent, blocked) => {
    const fake = new FakeConnector();
    fake.state.send.namingPreset = preset === 'default' ? 'segment-spec' : 'default';
    const { user } = renderApp(fake);
    const section = await sendSection();
    await user.selectOptions(within(section).getByRole('combobox', { name: 'Event names' }), preset);
    expect(await within(section).findByRole('checkbox', { name: sent })).toBeInTheDocument();
    expect(within(section).getByRole('checkbox', { name: blocked })).toBeInTheDocument();
    expect(fake.callsOf('setOptions')).toEqual([{ namingPreset: preset }]);
  });

  it('Save events sends exactly the checked event types', async () => {
    const { fake, user } = renderApp();
    const section = await sendSection();
    await user.click(within(section).getByRole('checkbox', { name: /^Open/ }));
    await user.click(within(section).getByRole('checkbox', { name: /^Spam/ }));
    await user.click(within(section).getByRole('button', { name: 'Save events' }));
    await vi.waitFor(() => expect(fake.callsOf('setEventSelection')).toEqual([{ events: ['sent', 'click', 'bounce', 'blocked', 'unsub'] }]));
    expect(await within(section).findByText('Event selection saved.')).toBeInTheDocument();
    expect(within(section).getByRole('checkbox', { name: /^Open/ })).not.toBeChecked();
  });

  it('enables sending directly when Mailjet has no other endpoints', async () => {
    const { fake, user } = renderApp();
    const section = await sendSection();
    await user.click(within(section).getByRole('button', { name: 'Enable sending' }));
    expect(await within(section).findByText(/Sending is on: Mailjet now posts/)).toBeInTheDocument();
    expect(fake.callsOf('enableSend')).toEqual([{ events: ['sent', 'open', 'click', 'bounce', 'spam', 'blocked', 'unsub'], onConflict: 'ask' }]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('asks about conflicting endpoints and Replace calls enableSend with replace', async () => {
    const { fake, user } = renderApp(withForeignCallbacks());
    const section = await sendSection();
    await user.click(within(section).getByRole('button', { name: 'Enable sending' }));
    const dialog = await screen.findByRole('dialog', { name: 'Mailjet already sends these events elsewhere' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(within(dialog).getByRole('row', { name: 'open https://crm.example.com/hooks/mailjet' })).toBeInTheDocument();
    expect(within(dialog).getByRole('row', { name: 'click https://user:••••@old.example.com/events' })).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Keep existing endpoints leaves them untouched, so sending to Segment stays off.');
    await user.click(within(dialog).getByRole('button', { name: 'Replace with Segment endpoints' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsOf('enableSend').map((a) => a.onConflict)).toEqual(['ask', 'replace']);
    expect(within(section).getByText(/Sending is on: Mailjet now posts/)).toBeInTheDocument();
  });

  it('Keep calls enableSend with keep and says sending stays off', async () => {
    const { fake, user } = renderApp(withForeignCallbacks());
    const section = await sendSection();
    await user.click(within(section).getByRole('button', { name: 'Enable sending' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Keep existing endpoints' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsOf('enableSend').map((a) => a.onConflict)).toEqual(['ask', 'keep']);
    expect(within(section).getByText(/You kept the existing endpoints, so sending stays off/)).toBeInTheDocument();
  });

  it('Escape closes the dialog without choosing and gives focus back to Enable sending', async () => {
    const { fake, user } = renderApp(withForeignCallbacks());
    const section = await sendSection();
    const enable = within(section).getByRole('button', { name: 'Enable sending' });
    await user.click(enable);
    await screen.findByRole('dialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(enable).toHaveFocus();
    expect(fake.callsOf('enableSend')).toHaveLength(1);
  });

  it('makes the rest of the page inert while the dialog is open, and lifts it on close', async () => {
    const { user } = renderApp(withForeignCallbacks());
    const section = await sendSection();
    await user.click(within(section).getByRole('button', { name: 'Enable sending' }));
    const dialog = await screen.findByRole('dialog');
    const content = screen.getByRole('main').closest('[inert]');
    expect(content).not.toBeNull();
    expect(content).toContainElement(screen.getByRole('navigation', { name: 'Screens' }));
    expect(content).toContainElement(screen.getByRole('list', { name: 'Connector status' }));
    expect(dialog.closest('[inert]')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(document.querySelector('[inert]')).toBeNull();
  });

  it('gives focus back to Enable sending even when focus left the busy button meanwhile', async () => {
    const fake = withForeignCallbacks();
    const { user } = renderApp(fake);
    const enable = within(await sendSection()).getByRole('button', { name: 'Enable sending' });
    const release = fake.hold('enableSend');
    await user.click(enable);
    // A browser drops focus from a button that becomes disabled while busy; here it moves elsewhere.
    act(() => screen.getByRole('button', { name: 'Save events' }).focus());
    expect(enable).not.toHaveFocus();
    await act(async () => release());
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('button', { name: 'Keep existing endpoints' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(enable).toHaveFocus();
  });

  it('shows the back end’s error inside the dialog when Replace fails', async () => {
    const { fake, user } = renderApp(withForeignCallbacks());
    await user.click(within(await sendSection()).getByRole('button', { name: 'Enable sending' }));
    const dialog = await screen.findByRole('dialog');
    fake.failNext('enableSend', 'mailjet_unreachable', 'Mailjet did not answer. Try Replace again in a minute.');
    await user.click(within(dialog).getByRole('button', { name: 'Replace with Segment endpoints' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Mailjet did not answer. Try Replace again in a minute.');
  });

  it.each([
    [true, 'Sending is off; the endpoints we replaced are restored.'],
    [false, 'Sending is off: Mailjet no longer posts events to this relay.'],
  ])('Disable sending passes restorePrevious=%s from the Restore checkbox', async (restore, message) => {
    const fake = new FakeConnector();
    fake.state.send.enabled = true;
    fake.state.send.replaced = [{ eventType: 'bounce', url: 'https://crm:••••@hooks.example.com/mailjet/bounce' }];
    const { user } = renderApp(fake);
    const section = await sendSection();
    const restoreBox = within(section).getByRole('checkbox', { name: 'Restore the endpoints we replaced' });
    expect(restoreBox).toBeChecked();
    if (!restore) await user.click(restoreBox);
    await user.click(within(section).getByRole('button', { name: 'Disable sending' }));
    expect(await within(section).findByText(message)).toBeInTheDocument();
    expect(fake.callsOf('disableSend')).toEqual([{ restorePrevious: restore }]);
  });

  it('follows the state: Enable is the primary action when off (Disable unavailable), Disable when on', async () => {
    const fake = new FakeConnector();
    const { user } = renderApp(fake);
    const section = await sendSection();
    const enable = within(section).getByRole('button', { name: 'Enable sending' });
    const disable = within(section).getByRole('button', { name: 'Disable sending' });
    expect(enable).toHaveClass('button-primary');
    expect(disable).toBeDisabled();
    await user.click(enable);
    await vi.waitFor(() => expect(disable).toHaveClass('button-primary'));
    expect(enable).not.toHaveClass('button-primary');
    expect(disable).toBeEnabled();
  });

  it('offers "Restore the endpoints we replaced" only when something was replaced', async () => {
    const fake = new FakeConnector();
    fake.state.send.enabled = true;
    renderApp(fake);
    const section = await sendSection();
    expect(within(section).queryByRole('checkbox', { name: 'Restore the endpoints we replaced' })).toBeNull();
  });

  it('shows Keep chosen on purpose as a note, not an alarm', async () => {
    const fake = new FakeConnector();
    fake.state.send.problem = { code: 'conflict_kept', message: 'Sending is not active: you kept the existing Mailjet endpoints for Bounce.' };
    renderApp(fake);
    const section = await sendSection();
    expect(within(section).getByText(/you kept the existing Mailjet endpoints/)).toBeInTheDocument();
    expect(within(section).queryByRole('alert')).toBeNull();
  });

  it('says before enabling when Mailjet could not reach the callback URL', async () => {
    const fake = new FakeConnector();
    fake.state.send.unreachable = { code: 'callback_url_unreachable', message: 'Mailjet’s servers cannot reach this relay at http://127.0.0.1:8787.' };
    renderApp(fake);
    const section = await sendSection();
    expect(within(section).getByText(/cannot reach this relay/)).toHaveTextContent('Before you enable sending: Mailjet’s servers cannot reach this relay');
  });

  it('sends a test event of the chosen type', async () => {
    const { fake, user } = renderApp();
    const section = await sendSection();
    await user.selectOptions(within(section).getByRole('combobox', { name: 'Test event type' }), 'Click');
    await user.click(within(section).getByRole('button', { name: 'Send a test event' }));
    expect(await within(section).findByText('Queued 1 test event; watch it in Activity.')).toBeInTheDocument();
    expect(fake.callsOf('sendTestEvent')).toEqual([{ eventType: 'click' }]);
  });
});
