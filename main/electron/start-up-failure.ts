// What the user sees when the app cannot start: one dialog that says what to do, then exit 1. A
// window-less, tray-less process left running is the failure this prevents. Never shows a secret.
import { app, dialog } from 'electron';
import { ListenerError } from '../config/listener-errors';
import { RELAY_PORT_ENV } from '../../shared/desktop-api';

export const START_UP_FAILURE_TITLE = 'Mailjet Segment Connector could not start';

/** The dialog text: coded errors keep their message (written for people); the port ones say where to change it. */
export function describeStartUpFailure(error: unknown, settingsFile: string | null): string {
  if (error instanceof ListenerError && (error.code === 'port_in_use' || error.code === 'port_not_permitted')) {
    const where = settingsFile === null ? '' : ` The port is saved as "relayPort" in ${settingsFile}; the Relay port field in Setup changes it.`;
    return `${error.withFlag(`the ${RELAY_PORT_ENV} environment variable`).message}${where}`;
  }
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  if (error instanceof Error && typeof code === 'string' && /^[a-z][a-z0-9_]*$/.test(code)) return error.message;
  return 'Something went wrong while starting. Reinstall the app; if it keeps failing, run `mjsc relay` in a terminal to see why.';
}

/** Shows the one dialog once Electron can show it, then exits non-zero without waiting for anything else. */
export async function failStartUp(error: unknown, settingsFile: string | null, log: (line: string) => void): Promise<void> {
  log(`connector: start-up failed (${error instanceof Error ? error.name : typeof error})`);
  await app.whenReady();
  dialog.showErrorBox(START_UP_FAILURE_TITLE, describeStartUpFailure(error, settingsFile));
  app.exit(1);
}
