// The desktop app's relay port: MJSC_PORT wins, else the port saved in desktop-settings.json in the
// data dir, else 8787. The file holds this one number, never a secret.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isRelayPort, RELAY_PORT_ENV, type RelayPortSource } from '../../shared/desktop-api';
import { DEFAULT_RELAY_PORT } from '../config/relay-config';
import { CodedError } from '../errors/coded-error';

export const DESKTOP_SETTINGS_FILE = 'desktop-settings.json';

export class RelayPortSettingError extends CodedError<'bad_relay_port'> {
  override readonly name = 'RelayPortSettingError';
  constructor(where: string, value: string) {
    super('bad_relay_port', `${where} is "${value}", which is not a port: use a whole number from 0 (any free port) to 65535.`);
  }
}

export interface ChosenRelayPort {
  port: number;
  savedPort: number;
  source: RelayPortSource;
}

export function desktopSettingsPath(dataDir: string): string {
  return join(dataDir, DESKTOP_SETTINGS_FILE);
}

/** The saved port; a missing file gives the default, a damaged one fails with what to fix. */
export async function readSavedRelayPort(file: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return DEFAULT_RELAY_PORT;
  }
  let saved: unknown;
  try {
    saved = (JSON.parse(text) as { relayPort?: unknown }).relayPort;
  } catch {
    throw new RelayPortSettingError(`"relayPort" in ${file}`, text.trim().slice(0, 40));
  }
  if (saved === undefined) return DEFAULT_RELAY_PORT;
  if (!isRelayPort(saved)) throw new RelayPortSettingError(`"relayPort" in ${file}`, String(saved));
  return saved;
}

export async function chooseRelayPort(file: string, env: Readonly<Record<string, string | undefined>>): Promise<ChosenRelayPort> {
  const savedPort = await readSavedRelayPort(file);
  const fromEnv = env[RELAY_PORT_ENV];
  if (fromEnv === undefined || fromEnv.trim() === '') {
    return { port: savedPort, savedPort, source: savedPort === DEFAULT_RELAY_PORT ? 'default' : 'settings' };
  }
  const port = /^\d+$/.test(fromEnv.trim()) ? Number(fromEnv.trim()) : Number.NaN;
  if (!isRelayPort(port)) throw new RelayPortSettingError(RELAY_PORT_ENV, fromEnv);
  return { port, savedPort, source: 'environment' };
}

/** Write then rename, so a crash never leaves half a file. */
export async function saveRelayPort(file: string, port: number): Promise<void> {
  if (!isRelayPort(port)) throw new RelayPortSettingError('The relay port', String(port));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify({ relayPort: port })}\n`, 'utf8');
  await rename(`${file}.tmp`, file);
}
