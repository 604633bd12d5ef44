import { screen, within } from '@testing-library/react';
import { FakeConnector } from '../fake-connector';
import { renderApp } from '../render-app';

describe('ConnectionInfoPanel', () => {
  it('copies the Segment Authentication Key with the button named exactly "Copy" and says Copied', async () => {
    const { fake, user } = renderApp();
    expect(await screen.findByLabelText('Segment Authentication Key')).toHaveValue(fake.connectionInfo.relayKey);
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(fake.connectionInfo.relayKey);
    expect(screen.getByText('Copied')).toBeInTheDocument();
  });

  it.each([
    ['Copy webhook URL', 'segmentWebhookUrl'],
    ['Copy tracking API host', 'trackingApiHost'],
    ['Copy callback URL', 'mailjetCallbackUrl'],
  ] as const)('%s copies %s', async (button, field) => {
    const { fake, user } = renderApp();
    await user.click(await screen.findByRole('button', { name: button }));
    expect(await navigator.clipboard.readText()).toBe(fake.connectionInfo[field]);
  });

  it('tells the user how to copy by hand when the clipboard is blocked', async () => {
    const { user } = renderApp();
    const copy = await screen.findByRole('button', { name: 'Copy' });
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValueOnce(new Error('denied'));
    await user.click(copy);
    expect(await screen.findByText(/select the text and press Ctrl\+C/)).toBeInTheDocument();
  });

  it('shows the URLs again when the public URL changes', async () => {
    const fake = new FakeConnector();
    const { user } = renderApp(fake);
    const panel = await screen.findByRole('region', { name: 'Connection details' });
    await within(panel).findByLabelText('Segment webhook URL');
    fake.connectionInfo.segmentWebhookUrl = 'https://tunnel.example.com/segment';
    await user.type(screen.getByRole('textbox', { name: 'Public URL' }), 'https://tunnel.example.com');
    await user.click(screen.getByRole('button', { name: 'Save public URL' }));
    await vi.waitFor(() => expect(within(panel).getByLabelText('Segment webhook URL')).toHaveValue('https://tunnel.example.com/segment'));
  });
});
