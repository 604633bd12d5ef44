// The Electron fuses every package gets (docs/electron-security.md, checklist item 19). Used by the
// electron-builder afterPack hook to flip them and by `npm run package:check` to read them back.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

export { FuseV1Options };

/** Fuse index -> wanted state; fuses not listed keep Electron's default. */
export const WANTED_FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The window is served from app://, so file:// needs none of its extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

export function fuseConfig() {
  return { version: FuseVersion.V1, ...WANTED_FUSES };
}
