// A real small disk for tests: a tmpfs of a few MiB mounted on a fresh folder, a filler file that
// fills it to ENOSPC and frees part of it again. It never skips: a machine that cannot mount fails loudly.
import { execFileSync } from 'node:child_process';
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
        'Run the tests as root (CI does), or in a container allowed to mount (CAP_SYS_ADMIN).',
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
