// The built relay (`node bin/mjsc.js relay`, its own process, no tsx, no harness) under a scenario's
// work, so an RSS figure is the relay's alone: read from /proc/<pid>/status (VmHWM, and VmRSS sampled)
// while the work runs. Used by scenario 9 (a backlog drains) and 5 (ingest with 1M queued). Linux only;
// bounded by a time limit.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchEnv, ensureBundle, ROOT } from './cold-start.bench';
import type { RemoteSegment } from './segment-client';

const READY_TIMEOUT_MS = 15_000;
const SAMPLE_MS = 20;
const MIB = 1024 ** 2;

export interface BuiltRun {
  peakRssMib: number;
  /** VmRSS once it listened, before the work. */
  readyRssMib: number;
  /** From the spawn until the work was done. */
  totalMs: number;
}

/** Scenario 9: the run, timed until Segment held every event. */
export type BuiltDrain = BuiltRun & { drainMs: number };

function statusKib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? 0 : Number(match[1]);
}

/** Starts the built relay on `dataDir`, runs `work` against its relay URL, and reports its own memory. */
export async function runInBuiltRelay(dataDir: string, upstream: { mailjetUrl: string; segmentUrl: string }, work: (relayUrl: string) => Promise<void>, timeLimitMs: number): Promise<BuiltRun> {
  ensureBundle();
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'mjsc.js'), 'relay', '--port', '0', '--console-port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: benchEnv(dataDir, upstream),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const watchdog = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS + timeLimitMs);
  try {
    const relayUrl = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error('the built relay did not print "relay listening"')), READY_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const listening = /^relay listening on (http:\/\/127\.0\.0\.1:\d+)/m.exec(stdout);
        if (listening !== null) {
          clearTimeout(timer);
          resolve(listening[1] as string);
        }
      });
      child.stderr.resume();
      child.once('exit', (code) => reject(new Error(`the built relay exited (${code}) before listening`)));
    });
    const pid = child.pid as number;
    const readyRssMib = statusKib(pid, 'VmRSS') / 1024;
    let peakKib = 0;
    const sampler = setInterval(() => {
      peakKib = Math.max(peakKib, statusKib(pid, 'VmRSS'));
    }, SAMPLE_MS);
    try {
      await work(relayUrl);
    } finally {
      clearInterval(sampler);
    }
    // The kernel's high-water mark catches a peak between two samples.
    peakKib = Math.max(peakKib, statusKib(pid, 'VmHWM'));
    return { peakRssMib: (peakKib * 1024) / MIB, readyRssMib, totalMs: performance.now() - started };
  } finally {
    clearTimeout(watchdog);
    child.kill('SIGTERM');
    await exited;
  }
}

export async function drainInBuiltRelay(dataDir: string, upstream: { mailjetUrl: string; segment: RemoteSegment }, events: number, timeLimitMs: number): Promise<BuiltDrain> {
  const run = await runInBuiltRelay(dataDir, { mailjetUrl: upstream.mailjetUrl, segmentUrl: upstream.segment.url }, async () => {
    await upstream.segment.waitForUnique(events, timeLimitMs);
  }, timeLimitMs);
  return { ...run, drainMs: run.totalMs };
}
