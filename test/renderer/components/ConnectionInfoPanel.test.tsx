import { screen } from '@testing-library/react';
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
});
