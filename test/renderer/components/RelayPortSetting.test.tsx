// Proves the desktop window's Relay port field: shows the saved and listening port, saves a new one,
// refuses what is not a port, and is absent where there is no desktop shell (the web console).
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RelayPortSetting } from '../../../renderer/components/RelayPortSetting';
import type { DesktopApi, RelayPortSetting as PortSetting } from '../../../shared/desktop-api';

function fakeDesktop(initial: PortSetting): DesktopApi & { saved: number[] } {
  let current = { ...initial };
  const saved: number[] = [];
  return {
    saved,
    getRelayPort: async () => ({ ...current }),
    setRelayPort: async ({ port }) => {
      saved.push(port);
      current = { ...current, savedPort: port };
      return { ...current };
    },
  };
}

it('shows the saved port, saves a new one for the next start and says so', async () => {
  const desktop = fakeDesktop({ listeningPort: 8787, savedPort: 8787, source: 'default' });
  const user = userEvent.setup();
  render(<RelayPortSetting desktop={desktop} />);
  const field = await screen.findByDisplayValue('8787');
  expect(screen.getByText(/now 8787/)).toBeInTheDocument();
  await user.clear(field);
  await user.type(field, '9123');
  await user.click(screen.getByRole('button', { name: 'Save relay port' }));
  expect(await screen.findByRole('status')).toHaveTextContent('Restart the app to move the relay to port 9123.');
  expect(desktop.saved).toEqual([9123]);
});

it.each(['80000', 'abc', '-1', '8787.5'])('refuses %s without saving', async (typed) => {
  const desktop = fakeDesktop({ listeningPort: 8787, savedPort: 8787, source: 'default' });
  const user = userEvent.setup();
  render(<RelayPortSetting desktop={desktop} />);
  const field = await screen.findByDisplayValue('8787');
  await user.clear(field);
  await user.type(field, typed);
  await user.click(screen.getByRole('button', { name: 'Save relay port' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('Enter a whole number from 0 (any free port) to 65535.');
  expect(desktop.saved).toEqual([]);
});

it('says when MJSC_PORT overrides the saved port', async () => {
  render(<RelayPortSetting desktop={fakeDesktop({ listeningPort: 9999, savedPort: 8787, source: 'environment' })} />);
  expect(await screen.findByText(/This start uses MJSC_PORT/)).toBeInTheDocument();
});

it('renders nothing in the web console, which has no desktop shell', () => {
  const { container } = render(<RelayPortSetting desktop={undefined} />);
  expect(container).toBeEmptyDOMElement();
});
