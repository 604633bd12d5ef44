import { screen, waitFor, within } from '@testing-library/react';
import { FakeConnector } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

function withValidKeys(): FakeConnector {
  const fake = new FakeConnector();
  fake.state.credentials = { mailjet: 'valid', segment: 'present', source: 'keychain' };
  return fake;
}

async function receiveSection(): Promise<HTMLElement> {
  await statusLoaded();
  return screen.getByRole('region', { name: 'Receive data from Segment' });
}

describe('ReceiveSection', () => {
  it('lists the contact lists with their size and offers the Segment Master List', async () => {
    renderApp(withValidKeys());
    const section = await receiveSection();
    const select = within(section).getByRole('combobox', { name: 'Contact list' });
    expect(await within(select).findByRole('option', { name: 'Newsletter (1,200 contacts)' })).toBeInTheDocument();
    expect(within(select).getByRole('option', { name: 'Customers (87 contacts)' })).toBeInTheDocument();
    expect(within(select).getByRole('option', { name: 'VIP (1 contact)' })).toBeInTheDocument();
    expect(within(select).getByRole('option', { name: 'Create and use a Segment Master List' })).toBeInTheDocument();
  });

  it('enables receiving into the chosen list', async () => {
    const { fake, user } = renderApp(withValidKeys());
    const section = await receiveSection();
    await within(section).findByRole('option', { name: /Customers/ });
    await user.selectOptions(within(section).getByRole('combobox', { name: 'Contact list' }), 'Customers (87 contacts)');
    await user.click(within(section).getByRole('button', { name: 'Enable receiving' }));
    await vi.waitFor(() => expect(fake.callsOf('enableReceive')).toEqual([{ listId: 12 }]));
    expect(await within(section).findByText(/Receiving is on, into “Customers”/)).toBeInTheDocument();
  });

  it('creates the Segment Master List when that option is chosen', async () => {
    const { fake, user } = renderApp(withValidKeys());
    const section = await receiveSection();
    await user.selectOptions(within(section).getByRole('combobox', { name: 'Contact list' }), 'Create and use a Segment Master List');
    await user.click(within(section).getByRole('button', { name: 'Enable receiving' }));
    await vi.waitFor(() => expect(fake.callsOf('enableReceive')).toEqual([{ createListName: 'Segment Master List' }]));
    expect(await within(section).findByRole('option', { name: 'Segment Master List (0 contacts)' })).toBeInTheDocument();
  });

  it('disables receiving', async () => {
    const fake = withValidKeys();
    fake.state.receive = { enabled: true, listId: 11, listName: 'Newsletter', flattenMode: 'documented' };
    const { user } = renderApp(fake);
    const section = await receiveSection();
    await user.click(within(section).getByRole('button', { name: 'Disable receiving' }));
    expect(await within(section).findByText(/Receiving is off/)).toBeInTheDocument();
    expect(fake.callsOf('disableReceive')).toHaveLength(1);
  });

  it('shows a banner when the list was deleted, and choosing another list clears it', async () => {
    const fake = withValidKeys();
    fake.state.receive = { enabled: true, listId: 11, listName: 'Newsletter', flattenMode: 'documented' };
    fake.deleteList(11);
    const { user } = renderApp(fake);
    const section = await receiveSection();
    const banner = within(section).getByRole('alert');
    expect(banner).toHaveTextContent('Your contact list was deleted in Mailjet');
    expect(banner).toHaveTextContent('Pick another list');
    // The summary above the banner must not still claim the deleted list receives contacts.
    expect(section).toHaveTextContent('Receiving is paused: contacts wait until you choose another list.');
    expect(section).not.toHaveTextContent('Receiving is on, into “Newsletter”');
    await within(section).findByRole('option', { name: /Customers/ });
    await user.selectOptions(within(section).getByRole('combobox', { name: 'Contact list' }), 'Customers (87 contacts)');
    await user.click(within(section).getByRole('button', { name: 'Enable receiving' }));
    await vi.waitFor(() => expect(within(section).queryByRole('alert')).not.toBeInTheDocument());
    expect(fake.callsOf('enableReceive')).toEqual([{ listId: 12 }]);
  });

  it('reloads the lists when the chosen list is deleted while the screen is open', async () => {
    const fake = withValidKeys();
    fake.state.receive = { enabled: true, listId: 11, listName: 'Newsletter', flattenMode: 'documented' };
    const { unmount } = renderApp(fake, 20);
    const section = await receiveSection();
    expect(await within(section).findByRole('option', { name: /Newsletter/ })).toBeInTheDocument();
    fake.deleteList(11);
    expect(await within(section).findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('Your contact list was deleted in Mailjet');
    await waitFor(() => expect(within(section).queryByRole('option', { name: /Newsletter/ })).not.toBeInTheDocument());
    expect(within(section).getByRole('combobox', { name: 'Contact list' })).toHaveValue('');
    unmount();
  });

  it('explains both flatten modes with the address example and saves the choice', async () => {
    const { fake, user } = renderApp(withValidKeys());
    const section = await receiveSection();
    expect(within(section).getAllByText('{"address":{"city":"London","street":{"name":"Baker Street"}}}')).toHaveLength(1);
    expect(within(section).getByText('address_city = London, address_street_name = Baker Street')).toBeInTheDocument();
    expect(within(section).getByRole('radio', { name: /Documented/ })).toBeChecked();
    await user.click(within(section).getByRole('radio', { name: 'Deep' }));
    await vi.waitFor(() => expect(fake.callsOf('setOptions')).toEqual([{ flattenMode: 'deep' }]));
    expect(within(section).getByRole('radio', { name: 'Deep' })).toBeChecked();
  });

  it('shows the back end’s error when the lists cannot be loaded', async () => {
    const fake = withValidKeys();
    fake.failNext('listContactLists', 'mailjet_unreachable', 'Mailjet is not reachable. Check your connection; the lists will load when it is back.');
    renderApp(fake);
    const section = await receiveSection();
    expect(await within(section).findByRole('alert')).toHaveTextContent('Mailjet is not reachable.');
  });
});
