import { screen, within } from '@testing-library/react';
import { FakeConnector } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

async function openPreview(fake: FakeConnector) {
  const rendered = renderApp(fake);
  await statusLoaded();
  await rendered.user.click(screen.getByRole('link', { name: 'Preview' }));
  return rendered;
}

describe('PreviewScreen', () => {
  it('shows the contact properties and explains every dropped trait', async () => {
    const fake = new FakeConnector();
    fake.identifyPreview = {
      email: 'sherlock@example.com',
      name: 'Sherlock Holmes',
      properties: { firstName: 'Sherlock', location_latitude: 51.52 },
      dropped: [
        { path: 'address', reason: 'An object holding another object is dropped whole, as Mailjet documents. Choose Deep to keep it.' },
        { path: 'tags', reason: 'Arrays are dropped.' },
      ],
    };
    const { user } = await openPreview(fake);
    expect(screen.getByRole('radio', { name: 'Identify call' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Insert an example' }));
    await user.click(screen.getByRole('button', { name: 'Preview' }));

    const properties = await screen.findByRole('table', { name: 'Contact properties' });
    expect(within(properties).getByRole('row', { name: 'location_latitude 51.52' })).toBeInTheDocument();
    expect(screen.getByText('sherlock@example.com')).toBeInTheDocument();
    const dropped = screen.getByRole('heading', { name: 'Dropped traits' }).nextElementSibling as HTMLElement;
    expect(within(dropped).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'address: An object holding another object is dropped whole, as Mailjet documents. Choose Deep to keep it.',
      'tags: Arrays are dropped.',
    ]);
    expect(JSON.parse(fake.callsOf('previewIdentify')[0]?.payload ?? '')).toMatchObject({ type: 'identify' });
  });

  it('says why a contact would be skipped', async () => {
    const fake = new FakeConnector();
    fake.identifyPreview = { email: null, name: null, properties: {}, dropped: [], skippedReason: 'traits.email is missing.' };
    const { user } = await openPreview(fake);
    await user.click(screen.getByLabelText('Payload (JSON)'));
    await user.paste('{"traits":{}}');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This contact would be skipped: traits.email is missing.');
  });

  it('shows the track calls and lists rejected and filtered items for a Mailjet event', async () => {
    const fake = new FakeConnector();
    fake.eventPreview = {
      calls: [{ type: 'track', event: 'Email Opened', userId: 'u-221b', messageId: 'mj-19421777835146490-open', timestamp: '2026-11-27T09:00:00.000Z', properties: { email_id: '19421777835146490' }, context: {} }],
      rejected: [{ index: 1, reason: 'No email: Mailjet events need an email to identify the person.' }],
      filtered: [{ index: 2, eventType: 'sent' }],
    };
    const { user } = await openPreview(fake);
    await user.click(screen.getByRole('radio', { name: 'Mailjet event' }));
    await user.click(screen.getByLabelText('Payload (JSON)'));
    await user.paste('[]');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const json = await screen.findByLabelText('Track calls as JSON');
    expect(json).toHaveTextContent('"email_id": "19421777835146490"');
    expect(screen.getByText('Item 2: No email: Mailjet events need an email to identify the person.')).toBeInTheDocument();
    expect(screen.getByText(/Item 3 \(sent\): not selected/)).toBeInTheDocument();
    expect(fake.callsOf('previewEvent')).toEqual([{ payload: '[]' }]);
  });

  it('shows the back end’s message for a payload that is not JSON', async () => {
    const fake = new FakeConnector();
    const { user } = await openPreview(fake);
    fake.failNext('previewIdentify', 'payload_invalid', 'The payload is not valid JSON (line 1). Paste the whole identify call.');
    await user.type(screen.getByLabelText('Payload (JSON)'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The payload is not valid JSON (line 1).');
  });
});
