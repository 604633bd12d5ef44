// Entry point of the `mjsc` command line (bundled to dist-electron/mjsc.js, run by bin/mjsc.js).
// The only place that touches process globals for the CLI; commands get them through CliIo.
import { readFile } from 'node:fs/promises';
import { version } from '../../package.json';
import type { CliIo } from './cli-command';
import { runCli } from './cli-dispatch';
import { describeUnhandledRejection } from './cli-errors';
import { COMMANDS } from './command-table';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function waitForStop(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

const processIo: CliIo = {
  readStdin,
  readFile: (path) => readFile(path, 'utf8'),
  writeOut: (text) => void process.stdout.write(text),
  writeErr: (text) => void process.stderr.write(text),
  env: process.env,
  waitForStop,
  stderrIsTTY: process.stderr.isTTY === true,
};

// `mjsc map event big.json | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.on('unhandledRejection', (reason) => {
  process.stderr.write(describeUnhandledRejection(reason));
});

// exitCode rather than exit(): let stdout drain when it is a pipe.
process.exitCode = await runCli(process.argv.slice(2), processIo, { version, commands: COMMANDS });
