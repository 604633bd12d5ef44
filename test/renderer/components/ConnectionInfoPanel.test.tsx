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

  it('has exactly one button whose name contains "copy": the relay key\'s "Copy", next to the key', async () => {
    renderApp();
    const panel = await screen.findByRole('region', { name: 'Connection details' });
    await within(panel).findByLabelText('Segment Authentication Key');
    // Playwright's getByRole('button', { name: 'Copy' }) matches case-insensitive substrings.
    const copyButtons = screen.getAllByRole('button', { name: (name) => /copy/i.test(name) });
    expect(copyButtons).toHaveLength(1);
    expect(copyButtons[0]).toHaveAccessibleName('Copy');
    const keyRow = screen.getByLabelText('Segment Authentication Key').closest('.value-row');
    expect(keyRow).toContainElement(copyButtons[0] ?? null);
  });

  it.each([
    ['Webhook URL to clipboard', 'segmentWebhookUrl'],
    ['Tracking host to clipboard', 'trackingApiHost'],
    ['Callback URL to clipboard', 'mailjetCallbackUrl'],
  ] as const)('the clipboard icon "%s" copies %s and says Copied', async (button, field) => {
    const { fake, user } = renderApp();
    const copy = await screen.findByRole('button', { name: button });
    expect(copy).toHaveAccessibleDescription('Copy to clipboard');
    expect(copy.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    await user.click(copy);
    expect(await navigator.clipboard.readText()).toBe(fake.connectionInfo[field]);
    expect(within(copy.parentElement ?? document.body).getByRole('status')).toHaveTextContent('Copied');
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
