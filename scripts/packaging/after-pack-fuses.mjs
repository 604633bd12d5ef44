// electron-builder afterPack hook: flips the fuses in the packaged Electron executable before it is
// signed or wrapped in an installer. Fails the build when the executable has no fuse wire.
import { flipFuses } from '@electron/fuses';
import { join } from 'node:path';
import { fuseConfig } from './fuse-settings.mjs';

export function packagedExecutable(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`);
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName);
  }
}

export default async function afterPack(context) {
  await flipFuses(packagedExecutable(context), fuseConfig());
}
