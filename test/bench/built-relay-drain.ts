// The backlog drain of scenario 9 again, in the built relay (`node bin/mjsc.js relay`, its own process,
// no tsx, no harness): its peak RSS is the relay's alone, read from /proc/<pid>/status (VmHWM) and
// sampled (VmRSS) until the Segment emulator holds every messageId. Linux only; bounded by a time limit.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchEnv, ensureBundle, ROOT } from './cold-start.bench';
import type { RemoteSegment } from './segment-client';

const READY_TIMEOUT_MS = 15_000;
const SAMPLE_MS = 20;
const MIB = 1024 ** 2;

export interface BuiltDrain {
  peakRssMib: number;
  /** VmRSS once it listened, before draining much. */
  readyRssMib: number;
  drainMs: number;
}

function statusKib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? 0 : Number(match[1]);
}

export async function drainInBuiltRelay(dataDir: string, upstream: { mailjetUrl: string; segment: RemoteSegment }, events: number, timeLimitMs: number): Promise<BuiltDrain> {
  ensureBundle();
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'mjsc.js'), 'relay', '--port', '0', '--console-port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    env: benchEnv(dataDir, { mailjetUrl: upstream.mailjetUrl, segmentUrl: upstream.segment.url }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const watchdog = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS + timeLimitMs);
  try {
    await new Promise<void>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error('the built relay did not print "relay listening"')), READY_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (/^relay listening on /m.test(stdout)) {
          clearTimeout(timer);
          resolve();
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
      await upstream.segment.waitForUnique(events, timeLimitMs);
    } finally {
      clearInterval(sampler);
    }
    // The kernel's high-water mark catches a peak between two samples.
    peakKib = Math.max(peakKib, statusKib(pid, 'VmHWM'));
    return { peakRssMib: (peakKib * 1024) / MIB, readyRssMib, drainMs: performance.now() - started };
  } finally {
    clearTimeout(watchdog);
    child.kill('SIGTERM');
    await exited;
  }
}
