import { screen, waitFor, within } from '@testing-library/react';
import { FakeConnector } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

describe('App', () => {
  it('navigates between Setup, Activity and Preview and marks the current screen', async () => {
    const { user } = renderApp();
    await statusLoaded();
    expect(screen.getByRole('link', { name: 'Setup' })).toHaveAttribute('aria-current', 'page');
    await user.click(screen.getByRole('link', { name: 'Activity' }));
    expect(await screen.findByRole('heading', { name: 'Recent items' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Activity' })).toHaveAttribute('aria-current', 'page');
    await user.click(screen.getByRole('link', { name: 'Preview' }));
    expect(screen.getByRole('radio', { name: 'Mailjet event' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Setup' }));
    expect(screen.getByRole('heading', { name: 'Receive data from Segment' })).toBeInTheDocument();
  });

  it('updates the status header live, without a manual refresh', async () => {
    const fake = new FakeConnector();
    const { unmount } = renderApp(fake, 20);
    await statusLoaded();
    const header = screen.getByRole('list', { name: 'Connector status' });
    expect(header).toHaveTextContent('Receiving from Segment: off');
    expect(header).toHaveTextContent('Relay: http://127.0.0.1:8787');
    fake.state.receive = { enabled: true, listId: 11, listName: 'Newsletter', flattenMode: 'documented' };
    fake.deleteList(11);
    await waitFor(() => expect(header).toHaveTextContent('Receiving from Segment: paused — The contact list was deleted in Mailjet.'), { timeout: 5000 });
    unmount(); // stop the fast polling before React's act() bookkeeping ends with the test
  });

  it('says in the header when there is no keychain, so keys saved in the console do not survive a restart', async () => {
    const fake = new FakeConnector();
    fake.state.credentials.source = 'env';
    renderApp(fake);
    await statusLoaded();
    expect(screen.getByRole('list', { name: 'Connector status' })).toHaveTextContent('(no keychain: keys saved here last only until the relay stops)');
  });

  it('says what to do when the relay cannot be reached', async () => {
    const fake = new FakeConnector();
    fake.failNext('getStatus', 'relay_unreachable', 'The relay is not reachable. Check that `mjsc relay` is still running, then reload this page.');
    renderApp(fake);
    expect(await screen.findByRole('alert')).toHaveTextContent('The relay is not reachable.');
  });

  it('works by keyboard alone: keys, Enable sending, Replace in the trapped dialog', async () => {
    const fake = new FakeConnector();
    fake.foreignCallbacks = [{ eventType: 'open', url: 'https://crm.example.com/hook' }];
    const { user } = renderApp(fake);
    await statusLoaded();

    // Skip link, three navigation links, then the first key field.
    await user.tab();
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveFocus();
    await user.tab();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(screen.getByLabelText('Mailjet API key')).toHaveFocus();
    await user.keyboard('mjkey1234');
    await user.tab();
    await user.keyboard('mjsecret');
    await user.tab();
    await user.keyboard('segkey');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Save keys' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(fake.callsOf('saveCredentials')).toHaveLength(1));

    const enable = screen.getByRole('button', { name: 'Enable sending' });
    for (let i = 0; i < 60 && document.activeElement !== enable; i += 1) await user.tab();
    expect(enable).toHaveFocus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    const keep = within(dialog).getByRole('button', { name: 'Keep existing endpoints' });
    expect(keep).toHaveFocus();
    // Focus is trapped: Tab cycles Keep → Replace → Cancel → Keep; Shift+Tab goes back.
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Replace with Segment endpoints' })).toHaveFocus();
    await user.tab();
    await user.tab();
    expect(keep).toHaveFocus();
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    expect(within(dialog).getByRole('button', { name: 'Replace with Segment endpoints' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsOf('enableSend').map((a) => a.onConflict)).toEqual(['ask', 'replace']);
    expect(enable).toHaveFocus();
  });
});
