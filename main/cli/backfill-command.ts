// `mjsc backfill FILE... [--list ID] [--dry-run] [--json]` (docs/architecture.md#command-line):
// imports identify history through the running connector, or by itself when none runs. Progress on
// stderr (a bar when it is a terminal), the summary on stdout; with --json the last line is JSON.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BackfillProgress } from '../../shared/api';
import { resolveDataDir } from '../host/default-data-dir';
import type { CliCommand, CliIo } from './cli-command';
import { CliInputError, EXIT_FAILURE, EXIT_OK } from './cli-errors';
import { progressLine, summaryLines } from './backfill-terminal';
import { openBackfillTarget, type BackfillTarget, type FindRunningConnector } from './backfill-target';
import { findRunningConnector } from './running-connector';

const USAGE = ['mjsc backfill FILE... [--list ID] [--dry-run] [--json] [--data-dir DIR]'] as const;

const HELP = `Usage:
  ${USAGE[0]}
      Imports Segment identify history into the selected Mailjet contact list, through the same
      queue and bulk jobs as live identify calls. FILE: JSON lines (one Segment message a line,
      as Segment's archives, S3 and warehouse exports hold them), plain or gzipped; or CSV with a
      header row and an email column (the other columns become traits).
      When a connector runs on the data dir (desktop app or mjsc relay) it does the work;
      otherwise this command runs the import itself and exits when it is delivered.
      Interrupted (even killed), it resumes where it stopped when run again on the same files.
  --list ID   the list to import into: the selected list, or chosen when none is selected
  --dry-run   read and count only: contacts, would-create / would-update, skipped with reasons
  --json      the last line of stdout is the summary as JSON
`;

/** How often progress is read while waiting (the import itself never waits on this). */
const POLL_MS = 250;

export function createBackfillCommand(findRunning: FindRunningConnector): CliCommand {
  return {
    name: 'backfill',
    summary: 'Import Segment identify history (JSON lines, gzipped or not, or CSV) into the contact list',
    usage: USAGE,
    help: HELP,
    async run(args, io) {
      const { values, positionals } = parseArgs({
        args: [...args],
        options: {
          list: { type: 'string' },
          'dry-run': { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
          'data-dir': { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: true,
      });
      if (values.help) {
        io.writeOut(HELP);
        return EXIT_OK;
      }
      if (positionals.length === 0) throw new CliInputError('bad_arguments', 'name at least one FILE to import (see mjsc backfill --help)');
      const listId = values.list === undefined ? undefined : readListId(values.list);
      const dataDir = resolveDataDir({ flag: values['data-dir'], env: io.env, platform: process.platform, homeDir: homedir() });
      const target = await openBackfillTarget(dataDir, io, findRunning);
      try {
        const started = await target.calls.startBackfill({ files: positionals.map((file) => resolve(file)), dryRun: values['dry-run'], ...(listId === undefined ? {} : { listId }) });
        const ended = await follow(target, started, io);
        for (const line of summaryLines(ended)) io.writeOut(`${line}\n`);
        if (values.json) io.writeOut(`${JSON.stringify(ended)}\n`);
        return ended.phase === 'done' ? EXIT_OK : EXIT_FAILURE;
      } finally {
        await target.close();
      }
    },
  };
}

/** Polls until the import ends; Ctrl-C stops following (a standalone import stays resumable). */
async function follow(target: BackfillTarget, started: BackfillProgress, io: CliIo): Promise<BackfillProgress> {
  let stopped: string | undefined;
  void io.waitForStop().then((signal) => (stopped = signal));
  let progress = started;
  let lastPrinted = 0;
  while (progress.phase === 'reading' || progress.phase === 'delivering') {
    if (stopped !== undefined) break;
    await new Promise((done) => setTimeout(done, POLL_MS));
    progress = (await target.calls.getBackfill({ id: progress.id })).backfill ?? progress;
    if (io.stderrIsTTY === true) io.writeErr(`\r\u001b[2K${progressLine(progress)}`);
    else if (Date.now() - lastPrinted > 5000) {
      lastPrinted = Date.now();
      io.writeErr(`${progressLine(progress)}\n`);
    }
    if (target.mode === 'standalone' && progress.phase === 'delivering') {
      const problem = (await target.calls.getStatus({})).receive.problem;
      if (problem !== undefined) {
        io.writeErr(`${io.stderrIsTTY === true ? '\n' : ''}mjsc: ${problem.message} The import waits; run this command again (or start the connector) to go on.\n`);
        return { ...progress, problem };
      }
    }
  }
  if (io.stderrIsTTY === true) io.writeErr('\n');
  if (stopped !== undefined) {
    io.writeErr(target.mode === 'running' ? 'mjsc: stopped following; the running connector goes on with the import.\n' : 'mjsc: stopped; run the same command again to resume the import where it stopped.\n');
  }
  return progress;
}

function readListId(text: string): number {
  const id = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(id) || id <= 0) throw new CliInputError('bad_arguments', '--list must be a positive whole number (a Mailjet contact list id)');
  return id;
}

export const backfillCommand = createBackfillCommand((dataDir) => findRunningConnector(dataDir));
