// The bench's data dirs, removed between scenarios rather than as each engine stops.
// libsql's close() leaves the database files open until the connection's prepared statements are
// garbage-collected. A file removed while still open is freed by that later collection, inside the
// next round, and on a disk mounted with `discard` (this machine's) freeing a 100 MB file is a
// synchronous discard: 50–90 ms of the next round's event loop spent in close() (seen with a
// /proc/<pid>/task/<pid>/stack sampler, docs/benchmarks.md#session-6). The product never deletes its
// data dir, so this was the bench measuring itself.
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
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
  for (const dir of retired.splice(0)) {
    if (open.some((file) => file.startsWith(`${dir}/`))) retired.push(dir);
    else rmSync(dir, { recursive: true, force: true });
  }
  if (retired.length > 0) process.stderr.write(`bench: ${retired.length} data dir(s) still open, removed at the end of the run: ${retired.join(', ')}\n`);
}

/** At the end of the run, whatever is left (the process is about to close every file anyway). */
export function removeRetiredDataDirs(): void {
  for (const dir of retired.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const SWEEP_PASSES = 20;

/** Files under the retired dirs that this process still holds open (for the sweep's test). */
export function openRetiredFiles(): string[] {
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
