// Scenario 7: history import. (a) 100,000 identify lines (gzipped, one contact each) imported by a
// connector host into the Mailjet emulator with production timings: contacts per second, Mailjet
// requests per 100 contacts, the largest bulk job. (b) Peak RSS of a dry run (reader + staging) over a
// 1 GB JSON-lines file and over a 100 MB one, each in its own process: bounded and size-independent.
import { fork } from 'node:child_process';
import { createWriteStream, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startConnectorHost } from '../../main/host/start-connector-host';
import { silentLogger } from '../../main/logging/relay-logger';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store';
import { CONTACTS_PER_JOB } from '../../main/workers/contact-sync-worker';
import { BENCH_SECRETS } from './bench-traffic';
import { makeDataDir, retireDataDir } from './data-dirs';
import { formatNumber, type ScenarioResult } from './bench-report';
import { startMailjetInChild } from './mailjet-client';
import { describeLoopDelay, watched, watchProcess, type ProcessWatch } from './process-watch';

export interface BackfillPlan {
  lines: number;
  /** Bytes of the big file for the RSS measure, and of the small one it is compared with. */
  bigFileBytes: number;
  smallFileBytes: number;
  timeLimitMs: number;
}

export const BACKFILL_PLAN: BackfillPlan = { lines: 100_000, bigFileBytes: 1024 ** 3, smallFileBytes: 100 * 1024 ** 2, timeLimitMs: 600_000 };

const READ_PROCESS = fileURLToPath(new URL('./backfill-read-process.ts', import.meta.url));
/** Peak RSS may grow by at most this much from the small file to the big one to count as size-independent. */
const RSS_SLACK_BYTES = 64 * 1024 ** 2;
const MIB = 1024 ** 2;

export async function benchBackfill(plan: BackfillPlan = BACKFILL_PLAN): Promise<ScenarioResult> {
  const dir = makeDataDir('mjsc-bench-backfill-');
  try {
    // The import's engine runs in this process (the dry runs below each have their own).
    // Only the import is watched: writing and gzipping the 100,000-line file (about a second of
    // synchronous work in this process) is the bench's set-up, not the relay's.
    const watch = watchProcess();
    const imported = await importLines(dir, plan, watch);
    const loop = watch.finish();
    const small = await peakRssOfDryRun(join(dir, 'small.jsonl'), plan.smallFileBytes);
    const big = await peakRssOfDryRun(join(dir, 'big.jsonl'), plan.bigFileBytes);
    const bounded = big.maxRssBytes <= small.maxRssBytes + RSS_SLACK_BYTES;
    return {
      scenario: '7. history import',
      measured: `${formatNumber(imported.contactsPerSecond)} contacts/s, ${imported.requestsPer100.toFixed(2)} req/100 contacts, ${formatNumber(big.maxRssBytes / MIB)} MiB peak RSS on 1 GB`,
      baseline: `${formatNumber(small.maxRssBytes / MIB)} MiB peak RSS on 100 MB`,
      ratio: big.maxRssBytes / small.maxRssBytes,
      target: '<= 1 req/100 contacts; RSS on 1 GB within 64 MiB of 100 MB',
      pass: imported.requestsPer100 <= 1 && imported.maxJob <= CONTACTS_PER_JOB && bounded,
      eventLoop: { maxMs: loop.loopMaxMs, p99Ms: loop.loopP99Ms },
      details: [
        `${formatNumber(plan.lines)} gzipped identify lines into the emulator's list in ${formatNumber(imported.seconds, 1)} s (production job polling, one bulk job at a time; the emulator in another process): ${formatNumber(imported.contacts)} contacts in Mailjet`,
        `Mailjet requests: ${imported.requests} (${imported.jobs} bulk jobs, largest ${imported.maxJob} contacts)`,
        `dry run over ${formatNumber(big.bytes / MIB)} MiB: ${formatNumber(big.lines)} lines in ${formatNumber(big.seconds, 1)} s, peak RSS ${formatNumber(big.maxRssBytes / MIB)} MiB`,
        `dry run over ${formatNumber(small.bytes / MIB)} MiB: ${formatNumber(small.lines)} lines in ${formatNumber(small.seconds, 1)} s, peak RSS ${formatNumber(small.maxRssBytes / MIB)} MiB`,
        describeLoopDelay(loop, 'import (the Mailjet emulator in another process)'),
      ],
    };
  } finally {
    retireDataDir(dir);
  }
}

async function importLines(dir: string, plan: BackfillPlan, watch: ProcessWatch) {
  // In its own process, as in scenario 8: its bulk-job imports must not count as the relay's event-loop delay.
  const mailjet = await startMailjetInChild();
  const host = await startConnectorHost({
    dataDir: join(dir, 'data'),
    port: 0,
    secrets: new MemorySecretStore({ mailjetApiKey: BENCH_SECRETS.mailjetApiKey, mailjetSecretKey: BENCH_SECRETS.mailjetSecretKey }),
    env: { MJSC_MAILJET_API_URL: mailjet.url },
    logger: { ...silentLogger, child: () => ({ ...silentLogger, child: () => silentLogger }) } as never,
  });
  try {
    await host.api.enableReceive({ listId: mailjet.listId });
    const file = join(dir, 'history.jsonl.gz');
    writeFileSync(file, gzipSync(Array.from({ length: plan.lines }, (_, n) => identifyLine(n)).join('\n')));
    const before = await mailjet.state();
    const started = performance.now();
    await watched(watch, async () => {
      const progress = await host.api.startBackfill({ files: [file] });
      const deadline = started + plan.timeLimitMs;
      for (;;) {
        const now = (await host.api.getBackfill({ id: progress.id })).backfill;
        if (now !== null && now.phase !== 'reading' && now.phase !== 'delivering') break;
        if (performance.now() > deadline) throw new Error(`the import did not finish within ${plan.timeLimitMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const after = await mailjet.state();
    const requests = after.requests.total - before.requests.total;
    return {
      contacts: after.listed,
      seconds,
      contactsPerSecond: after.listed / seconds,
      requests,
      requestsPer100: (requests * 100) / plan.lines,
      jobs: after.requests.bulkJobs - before.requests.bulkJobs,
      maxJob: after.largestJob,
    };
  } finally {
    await host.stop();
    await mailjet.stop();
  }
}

/** Writes `bytes` of identify lines (10,000 distinct emails, repeated) to `path`, dry-runs it in a child, deletes it. */
async function peakRssOfDryRun(path: string, bytes: number) {
  const out = createWriteStream(path);
  let written = 0;
  for (let n = 0; written < bytes; n++) {
    const line = `${identifyLine(n % 10_000, n)}\n`;
    written += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  try {
    const child = fork(READ_PROCESS, [path], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`the dry-run process exited with ${code}`);
    const result = JSON.parse(text) as { lines: number; maxRssBytes: number; seconds: number; phase: string };
    if (result.phase !== 'done') throw new Error(`the dry run ended ${result.phase}`);
    return { ...result, bytes: written };
  } finally {
    rmSync(path, { force: true });
  }
}

function identifyLine(contact: number, version = 0): string {
  return JSON.stringify({
    type: 'identify',
    userId: `user-${contact}`,
    messageId: `bench-${contact}-${version}`,
    timestamp: new Date(Date.UTC(2025, 0, 1) + version * 1000).toISOString(),
    traits: { email: `person${contact}@example.com`, plan: `plan-${version % 7}`, company: { name: 'Example Ltd', size: 42 }, note: 'x'.repeat(200) },
  });
}
