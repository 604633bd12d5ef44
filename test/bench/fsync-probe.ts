// The disk's own fsync latency, measured in the same run as the relay: every acknowledgement waits for
// one fsync of the WAL, so this is the floor under single-event ingest and the p99 at a fixed rate.
// 100 appends of 4 KiB, each fsynced, in a temp file on the data dir's file system; bounded and local.
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './bench-report';

export interface FsyncLatency {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function probeFsync(count = 100): FsyncLatency {
  const dir = mkdtempSync(join(tmpdir(), 'mjsc-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const page = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      writeSync(fd, page);
      const started = performance.now();
      fsyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  const sorted = [...times].sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { p50Ms: round(median(sorted)), p99Ms: round(sorted[Math.floor(sorted.length * 0.99)] ?? Number.NaN), maxMs: round(sorted[sorted.length - 1] ?? Number.NaN) };
}

export function describeFsync(latency: FsyncLatency): string {
  return `this disk's fsync, alone, in the same run: p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms, max ${latency.maxMs} ms (100 appends of 4 KiB)`;
}
