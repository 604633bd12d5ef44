// An exclusive claim on one data dir, taken before its database opens: a second connector on the same
// dir would put the first one's in-flight items back to pending and deliver them twice. The lock file
// holds the owner's pid and, on Linux, that process's start time; a file whose process is gone (a crash),
// or whose pid now belongs to a process started at another time (pid reuse), is stale and taken over.
// It never removes a lock whose owner is alive.
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE_NAME = 'connector.lock';

export class DataDirInUseError extends Error {
  readonly code = 'data_dir_in_use';
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`Another Mailjet Segment Connector is already using ${dir} (pid ${pid}). Quit it, or use --data-dir.`);
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

export interface LockOptions {
  pid?: number;
  /** Whether a process runs; default: signal 0 (EPERM means it runs under another user). */
  isAlive?: (pid: number) => boolean;
  /** A process's start time (an opaque token), undefined where unknown; default: /proc/<pid>/stat on Linux. */
  startTimeOf?: (pid: number) => string | undefined;
}

/** Lock files this process holds: its own pid in a file is only stale when it is not in here. */
const heldHere = new Set<string>();

/** Takes the data dir's lock or throws DataDirInUseError naming the owner's pid. */
export function lockDataDir(dir: string, options: LockOptions = {}): DataDirLock {
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? isProcessAlive;
  const startTimeOf = options.startTimeOf ?? procStartTime;
  const ownerRuns = (owner: LockOwner): boolean => {
    if (!isAlive(owner.pid)) return false;
    // A pid reused by a later process: the one that wrote the file is gone.
    const started = owner.startedAt === undefined ? undefined : startTimeOf(owner.pid);
    return started === undefined || started === owner.startedAt;
  };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = resolve(join(dir, LOCK_FILE_NAME));
  // Bounded: each round either takes the lock, meets a live owner, or removes one stale file.
  for (let round = 0; round < 3; round += 1) {
    if (tryCreate(path, pid, startTimeOf(pid))) {
      heldHere.add(path);
      return { release: () => release(path, pid) };
    }
    const owner = readOwner(path);
    if (owner === undefined) continue; // Released meanwhile: try again.
    if (heldHere.has(path) || (owner.pid !== pid && ownerRuns(owner))) throw new DataDirInUseError(dir, owner.pid);
    // Left by a process that is gone (or by an earlier run that had our pid): stale.
    rmSync(path, { force: true });
  }
  throw new DataDirInUseError(dir, readOwner(path)?.pid ?? 0);
}

/** The file appears whole or not at all: written aside, then hard-linked, which fails if the name exists. */
function tryCreate(path: string, pid: number, startedAt: string | undefined): boolean {
  const draft = `${path}.${pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(draft, startedAt === undefined ? `${pid}\n` : `${pid} ${startedAt}\n`, { mode: 0o600 });
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

interface LockOwner {
  pid: number;
  /** Absent in files written before start times were recorded, or where the platform has none. */
  startedAt?: string;
}

/** The owner (pid 0 for an unreadable file, treated as stale); undefined when the file is gone. */
function readOwner(path: string): LockOwner | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const [pidText = '', startedAt] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return { pid: 0 };
  return startedAt === undefined ? { pid } : { pid, startedAt };
}

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot; after the `)` ending the name. */
function procStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

function release(path: string, pid: number): void {
  if (!heldHere.delete(path)) return;
  if (readOwner(path)?.pid === pid) rmSync(path, { force: true });
}

function isProcessAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
