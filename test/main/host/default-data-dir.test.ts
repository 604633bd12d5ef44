// Where `mjsc relay` keeps its data when not told: flag, then MJSC_DATA_DIR, then the platform's folder.
import { join } from 'node:path';
import { resolveDataDir } from '../../../main/host/default-data-dir';

describe('resolveDataDir', () => {
  it.each([
    ['the flag wins', { flag: '/flag', env: { MJSC_DATA_DIR: '/env' }, platform: 'linux' as const }, '/flag'],
    ['then MJSC_DATA_DIR', { env: { MJSC_DATA_DIR: '/env' }, platform: 'linux' as const }, '/env'],
    ['Linux: XDG_CONFIG_HOME', { env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux' as const }, join('/xdg', 'mailjet-segment-connector')],
    ['Linux: ~/.config', { env: {}, platform: 'linux' as const }, join('/home/u', '.config', 'mailjet-segment-connector')],
    ['macOS', { env: {}, platform: 'darwin' as const }, join('/home/u', 'Library', 'Application Support', 'mailjet-segment-connector')],
    ['Windows: APPDATA', { env: { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, platform: 'win32' as const }, join('C:\\Users\\u\\AppData\\Roaming', 'mailjet-segment-connector')],
    ['an empty MJSC_DATA_DIR is ignored', { env: { MJSC_DATA_DIR: ' ' }, platform: 'linux' as const }, join('/home/u', '.config', 'mailjet-segment-connector')],
  ])('%s', (_name, input, expected) => {
    expect(resolveDataDir({ homeDir: '/home/u', ...input })).toBe(expected);
  });
});
