// Where the connector keeps its database when no --data-dir is given: MJSC_DATA_DIR, else the
// platform's config folder for the app. `mjsc relay` and the desktop app both use it (the app sets
// Electron's userData to it, which would otherwise be named after productName), so they share one queue. Pure.
import { join } from 'node:path';

export const APP_FOLDER = 'mailjet-segment-connector';

export interface DataDirInput {
  flag?: string;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homeDir: string;
}

export function resolveDataDir({ flag, env, platform, homeDir }: DataDirInput): string {
  const given = [flag, env.MJSC_DATA_DIR].find((value) => value !== undefined && value.trim() !== '');
  if (given !== undefined) return given;
  if (platform === 'win32') return join(nonEmpty(env.APPDATA) ?? join(homeDir, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homeDir, 'Library', 'Application Support', APP_FOLDER);
  return join(nonEmpty(env.XDG_CONFIG_HOME) ?? join(homeDir, '.config'), APP_FOLDER);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
