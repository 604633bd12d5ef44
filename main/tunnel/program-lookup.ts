// Finds a tunnel program: the path its MJSC_*_PATH variable names, else the first executable of that
// name on PATH. It only looks; it never runs anything.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TunnelProgram } from '../../shared/api';
import { TUNNEL_PROGRAMS } from './tunnel-programs';

export type ProgramEnv = Readonly<Record<string, string | undefined>>;

export function findTunnelProgram(program: TunnelProgram, env: ProgramEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const configured = env[TUNNEL_PROGRAMS[program].pathEnv];
  if (configured !== undefined && configured.trim() !== '') return isExecutable(configured) ? configured : undefined;
  const names = platform === 'win32' ? [`${program}.exe`, `${program}.cmd`] : [program];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const found = names.map((name) => join(dir, name)).find(isExecutable);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
