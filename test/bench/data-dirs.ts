// The bench's data dirs, removed between scenarios rather than as each engine stops.
// libsql's close() leaves the database files open until the connection's prepared statements are
// garbage-collected. A file removed while still open is freed by that later collection, inside the
// next round, and on a disk mounted with `discard` (this machine's) freeing a 100 MB file is a
// synchronous discard: 50–90 ms of the next round's event loop spent in close() (seen with a
// /proc/<pid>/task/<pid>/stack sampler, docs/benchmarks.md#session-6). The product never deletes its
// data dir, so this was the bench measuring itself.
import { closeSync, fsyncSync, mkdtempSync, openSync, readdirSync, readlinkSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const retired: string[] = [];

export function makeDataDir(prefix = 'mjsc-bench-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Marks a stopped engine's (or floor's) dir for removal at the next sweep. */
export function retireDataDir(dir: string): void {
  retired.push(dir);
}

/**
 * Collects the stopped connections' statements, so their files close while still linked (cheap), then
 * removes every retired dir whose files are all closed. Run between scenarios, where no watch is
 * counting. A dir something still holds open stays for the next sweep, or for the end of the run.
 */
export async function sweepDataDirs(): Promise<void> {
  if (retired.length === 0) return;
  const collect = garbageCollector();
  // libsql's statements close their connection from finalizers, which may need a turn and a second collection.
  for (let pass = 0; pass < SWEEP_PASSES && openRetiredFiles().length > 0; pass += 1) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const open = openRetiredFiles();
  let removed = 0;
  for (const dir of retired.splice(0)) {
    if (open.some((file) => file.startsWith(`${dir}/`))) retired.push(dir);
    else {
      rmSync(dir, { recursive: true, force: true });
      removed += 1;
    }
  }
  if (removed > 0) await waitForQuietDisk();
  if (retired.length > 0) process.stderr.write(`bench: ${retired.length} data dir(s) still open, removed at the end of the run: ${retired.join(', ')}\n`);
}

/** At the end of the run, whatever is left (the process is about to close every file anyway). */
export function removeRetiredDataDirs(): void {
  for (const dir of retired.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const SWEEP_PASSES = 20;

/**
 * After removing a scenario's files, waits until the disk answers small fsyncs promptly again. The
 * discards of a removed 1 GB file go on in the device after unlink() returns, and fsyncs issued
 * meanwhile took up to 319 ms (measured with a 4 KiB write + fsync every 5 ms): scenario 8, which
 * follows the history import's 1 GB files, inherited them as event-loop delay (docs/benchmarks.md#session-6).
 */
async function waitForQuietDisk(): Promise<void> {
  const probe = join(tmpdir(), `mjsc-bench-settle-${process.pid}`);
  const fd = openSync(probe, 'w');
  try {
    const until = performance.now() + SETTLE_LIMIT_MS;
    let prompt = 0;
    while (prompt < SETTLE_PROMPT_FSYNCS && performance.now() < until) {
      writeSync(fd, Buffer.alloc(4096));
      const started = performance.now();
      fsyncSync(fd);
      prompt = performance.now() - started < SETTLE_FSYNC_MS ? prompt + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    closeSync(fd);
    rmSync(probe, { force: true });
  }
}

/** The disk counts as quiet after this many fsyncs in a row under SETTLE_FSYNC_MS, or after SETTLE_LIMIT_MS. */
const SETTLE_PROMPT_FSYNCS = 10;
const SETTLE_FSYNC_MS = 20;
const SETTLE_LIMIT_MS = 15_000;

/** Files under the retired dirs that this process still holds open (deleted ones included). */
function openRetiredFiles(): string[] {
  const links = readdirSync('/proc/self/fd').map((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return '';
    }
  });
  return links.filter((link) => retired.some((dir) => link.startsWith(`${dir}/`)));
}

let gc: (() => void) | undefined;

/** `global.gc` without --expose-gc on the command line (`npm run bench` runs tsx without it). */
function garbageCollector(): () => void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  return gc;
}
