// Puts the cloudflared stand-in on a fresh PATH directory as an executable named `cloudflared`, so the
// connector finds and runs it exactly as it would the real program.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const STAND_IN = fileURLToPath(new URL('./cloudflared.mjs', import.meta.url));

export interface InstalledStandIn {
  /** PATH with the stand-in's directory first. */
  path: string;
  remove(): void;
}

export function installCloudflaredStandIn(basePath = process.env.PATH ?? ''): InstalledStandIn {
  const dir = mkdtempSync(join(tmpdir(), 'mjsc-tunnel-bin-'));
  const program = join(dir, 'cloudflared');
  writeFileSync(program, `#!/bin/sh\nexec "${process.execPath}" "${STAND_IN}" "$@"\n`);
  chmodSync(program, 0o755);
  return { path: `${dir}${delimiter}${basePath}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
