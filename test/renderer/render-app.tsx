// Renders the whole UI (or one part) against a FakeConnector, with a user-event session.
import { render, screen, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { App } from '../../renderer/components/App';
import { FakeConnector } from './fake-connector';

export interface Rendered extends RenderResult {
  fake: FakeConnector;
  user: UserEvent;
}

/** The full App; pollIntervalMs defaults to a value long enough that polls never race a test's clicks. */
export function renderApp(fake = new FakeConnector(), pollIntervalMs = 60_000): Rendered {
  const user = userEvent.setup();
  return { fake, user, ...render(<App connector={fake} pollIntervalMs={pollIntervalMs} />) };
}

/** Waits until the first status poll has rendered. */
export async function statusLoaded(): Promise<void> {
  await screen.findByRole('list', { name: 'Connector status' });
}

