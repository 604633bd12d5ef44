// Child process of the history import bench: a dry run of one file through the real import runner
// (reader + staging in SQLite) on a temp data dir, then its peak RSS. Own process, so the number is
// the import's alone. Prints one JSON line: {"lines","contacts","maxRssBytes","seconds"}.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFile } from '../../main/backfill/backfill-files';
import { createBackfillRunner } from '../../main/backfill/backfill-runner';
import { silentLogger } from '../../main/logging/relay-logger';
import { openStorage } from '../../main/storage/database';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: backfill-read-process.ts FILE');
const dir = mkdtempSync(join(tmpdir(), 'mjsc-bench-read-'));
const storage = openStorage({ path: join(dir, 'connector.db') });
const runner = createBackfillRunner({ store: storage.backfill, nudge: () => undefined, logger: silentLogger });
const started = performance.now();
const progress = runner.start([await describeFile(path)], { dryRun: true, listId: null });
await runner.settled(Number(progress.id));
const ended = await runner.progress(Number(progress.id));
await storage.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ lines: ended?.linesRead, contacts: ended?.contacts, phase: ended?.phase, maxRssBytes: process.resourceUsage().maxRSS * 1024, seconds: (performance.now() - started) / 1000 })}\n`);
