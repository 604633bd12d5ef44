// A real small disk for tests: a tmpfs of a few MiB mounted on a fresh folder, a filler file that
// fills it to ENOSPC and frees part of it again. It never skips: where this user may not mount, the test
// file runs again inside a user and mount namespace, and a machine allowing neither fails loudly.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, ftruncateSync, fstatSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mount point: an empty folder on the small disk. */
  dir: string;
  /** Writes this many bytes to the filler file now, to be freed later. */
  reserve(bytes: number): void;
  /** Writes the filler file until the disk answers ENOSPC. */
  fill(): void;
  /** Shrinks the filler by this many bytes ("a little space"). */
  free(bytes: number): void;
  /** Bytes the disk still has for an ordinary user's files. */
  available(): number;
  /** Detaches the disk lazily (libsql may still hold handles) and removes the folder. */
  unmount(): void;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x78);
const IN_NAMESPACE = 'MJSC_SMALL_DISK_NAMESPACE';
const UNSHARE = ['unshare', '--user', '--map-root-user', '--mount'];

/**
 * 'here': this process may mount (root, as in CI). 'namespace': it may not, but `unshare` gives a child
 * its own mount namespace, so the test file is run again there. 'none': mountSmallDisk says what to fix.
 */
export function smallDiskPlace(): 'here' | 'namespace' | 'none' {
  const probe = mkdtempSync(join(tmpdir(), 'mjsc-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return 'here';
  } catch {
    if (process.env[IN_NAMESPACE] === '1') return 'none';
    try {
      execFileSync(UNSHARE[0] as string, [...UNSHARE.slice(1), 'true'], { stdio: 'ignore' });
      return 'namespace';
    } catch {
      return 'none';
    }
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Runs one test file again under `unshare --user --map-root-user --mount`; resolves with vitest's exit code. */
export async function rerunInMountNamespace(testFile: string, timeoutMs: number): Promise<number | null | 'timeout'> {
  const vitest = join(process.cwd(), 'node_modules', 'vitest', 'vitest.mjs');
  const child = spawn(UNSHARE[0] as string, [...UNSHARE.slice(1), process.execPath, vitest, 'run', testFile], {
    // The child is a vitest run of its own: none of this worker's VITEST_* variables.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST'))), [IN_NAMESPACE]: '1' },
    stdio: 'inherit',
  });
  const { waitForExit } = await import('./child-exit');
  const code = await waitForExit(child, timeoutMs);
  if (code === 'timeout') child.kill('SIGKILL');
  return code;
}

export function mountSmallDisk(sizeMiB: number): SmallDisk {
  const base = mkdtempSync(join(tmpdir(), 'mjsc-small-disk-'));
  const dir = join(base, 'disk');
  const command = ['mount', '-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir];
  try {
    execFileSync('mkdir', [dir]);
    execFileSync(command[0] as string, command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    const detail = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : String(error);
    throw new Error(
      `This test needs a real small disk and could not make one: \`${command.join(' ')}\` failed (${detail}). ` +
        `Run the tests as root (CI does), or where \`${UNSHARE.join(' ')} true\` works (unprivileged user namespaces), ` +
        'or in a container allowed to mount (CAP_SYS_ADMIN).',
    );
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    reserve(bytes) {
      const fd = openSync(filler, 'a');
      try {
        for (let left = bytes; left > 0; left -= CHUNK.length) writeSync(fd, CHUNK, 0, Math.min(left, CHUNK.length));
      } finally {
        closeSync(fd);
      }
    },
    fill() {
      const fd = openSync(filler, 'a');
      try {
        // Bounded: a 4 MiB disk takes at most a few hundred chunks, then ENOSPC ends the loop.
        for (let i = 0; i < (sizeMiB * 1024 * 1024) / CHUNK.length + 16; i++) {
          try {
            writeSync(fd, CHUNK);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return;
            throw error;
          }
        }
        throw new Error('the filler never hit ENOSPC: is the small disk mounted?');
      } finally {
        closeSync(fd);
      }
    },
    free(bytes) {
      const fd = openSync(filler, 'r+');
      try {
        ftruncateSync(fd, Math.max(0, fstatSync(fd).size - bytes));
      } finally {
        closeSync(fd);
      }
    },
    available() {
      const stats = statfsSync(dir);
      return stats.bavail * stats.bsize;
    },
    unmount() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}
