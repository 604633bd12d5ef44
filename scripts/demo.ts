// `npm run demo`: the whole product offline in one command. Both API emulators (seeded with lists and
// a foreign callback on 3 event types), then `mjsc relay` in-process, wired to them through MJSC_*
// variables and a throwaway data dir. Type an event type + Enter to make "Mailjet" emit it. Demo only:
// the keys below are the emulators' own, never real ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { relayCommand } from '../main/cli/relay-command';
import type { CliIo } from '../main/cli/cli-command';
import { fixtureEvents } from '../emulators/fixtures/mailjet-events';
import { startMailjetEmulator, type MailjetEmulator } from '../emulators/mailjet/mailjet-emulator';
import { startSegmentEmulator } from '../emulators/segment/segment-emulator';

const EVENT_TYPES = ['sent', 'open', 'click', 'bounce', 'spam', 'blocked', 'unsub'] as const;
type DemoEvent = (typeof EVENT_TYPES)[number];
const DEMO_RELAY_KEY = 'demo-relay-key-not-secret-0001';
const DEMO_EMAIL = 'ada@example.com';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'console-port': { type: 'string', default: '0' } } });

/** The emulators' usual ports (npm run emulators); a free port when one is taken. */
async function onPreferredPort<T>(start: (port: number) => Promise<T>, port: number): Promise<T> {
  try {
    return await start(port);
  } catch {
    return start(0);
  }
}

const mailjet = await onPreferredPort((port) => startMailjetEmulator({ port, jobDelayMs: 300, seedFixtures: true }), 18601);
const segment = await onPreferredPort((port) => startSegmentEmulator({ port }), 18602);
for (const name of ['Newsletter subscribers', 'Customers', 'Trial users', ...Array.from({ length: 10 }, (_u, i) => `Campaign list ${i + 1}`)]) mailjet.seedList({ Name: name });
for (const type of ['bounce', 'spam', 'blocked']) mailjet.seedCallback({ EventType: type, Url: `https://crm:crm-password@hooks.example.com/mailjet/${type}`, Version: 1 });

const dataDir = mkdtempSync(join(tmpdir(), 'mjsc-demo-'));
const env = {
  ...process.env,
  MJSC_MAILJET_API_URL: mailjet.url,
  MJSC_SEGMENT_API_URL: segment.url,
  MJSC_MAILJET_API_KEY: mailjet.apiKey,
  MJSC_MAILJET_SECRET_KEY: mailjet.secretKey,
  MJSC_SEGMENT_WRITE_KEY: segment.writeKeys[0],
  MJSC_RELAY_KEY: DEMO_RELAY_KEY,
  MJSC_EVENTS_SECRET: 'demo-events-secret-not-secret-0001',
  MJSC_LOG_LEVEL: process.env.MJSC_LOG_LEVEL ?? 'warn',
};

let stopRequested: (signal: string) => void = () => undefined;
const stopped = new Promise<string>((resolve) => (stopRequested = resolve));
process.once('SIGINT', () => stopRequested('SIGINT'));
process.once('SIGTERM', () => stopRequested('SIGTERM'));

let relayOutput = '';
const io: CliIo = {
  readStdin: async () => '',
  readFile: async () => '',
  writeOut(text) {
    process.stdout.write(text);
    relayOutput += text;
    if (relayOutput.split('\n').length === 3) printGuide(relayOutput);
  },
  writeErr: (text) => void process.stderr.write(text),
  env,
  waitForStop: () => stopped,
};

function printGuide(output: string): void {
  const relayUrl = /relay listening on (\S+)/.exec(output)?.[1] ?? '';
  process.stdout.write(`
Demo: Mailjet emulator ${mailjet.url}, Segment emulator ${segment.url}, data dir ${dataDir}
Open the console URL above in a browser. Then try:
  1. Receive: pick a list (13 seeded, more than one page) or "Create and use a Segment Master List", Enable receiving.
     Send an identify as a Segment library would (write key = the relay key):
       curl -u ${DEMO_RELAY_KEY}: -H 'content-type: application/json' \\
         -d '{"userId":"ada","traits":{"email":"${DEMO_EMAIL}","name":"Ada Lovelace","plan":"pro","location":{"city":"London"}}}' \\
         ${relayUrl}/v1/identify
  2. Send: Enable sending. Bounce, Spam and Blocked already post to another endpoint: the dialog asks
     "Keep existing endpoints" or "Replace with Segment endpoints".
  3. Type an event type here (${EVENT_TYPES.join(', ')}) and Enter: the Mailjet emulator emits it to the
     registered callback, and the relay forwards it to the Segment emulator. "segment" lists what arrived.
Ctrl-C stops everything and deletes the data dir.
`);
}

async function emit(emulator: MailjetEmulator, type: DemoEvent): Promise<void> {
  const event = { ...fixtureEvents[type], email: DEMO_EMAIL, time: Math.floor(Date.now() / 1000), MessageID: BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000)) };
  const report = await emulator.emit([event], { retryDelaysMs: [], timeoutMs: 5000 });
  if (report.dropped.length > 0) process.stdout.write(`mailjet: no live callback for "${type}": enable sending (or replace the existing endpoint) first\n`);
  for (const delivery of report.deliveries) {
    if (delivery.refused !== undefined) process.stdout.write(`mailjet: "${type}" not sent to ${delivery.url} (${delivery.refused}): the emulator only posts to this machine; choose "Replace with Segment endpoints" first\n`);
    else process.stdout.write(`mailjet: posted "${type}" to ${delivery.url}: HTTP ${delivery.attempts.at(-1)?.status ?? delivery.attempts.at(-1)?.error}\n`);
  }
}

const lines = createInterface({ input: process.stdin, terminal: false });
lines.on('line', (line) => {
  const word = line.trim().toLowerCase();
  if (word === '') return;
  if (word === 'segment') {
    for (const message of segment.received) process.stdout.write(`segment: ${message.type} ${String(message.message.event ?? '')} ${JSON.stringify(message.message.properties ?? {})}\n`);
    if (segment.received.length === 0) process.stdout.write('segment: nothing received yet\n');
    return;
  }
  const type = EVENT_TYPES.find((candidate) => candidate === word);
  if (type === undefined) process.stdout.write(`type one of ${EVENT_TYPES.join(', ')}, or "segment"\n`);
  else void emit(mailjet, type).catch((error: unknown) => process.stdout.write(`mailjet: emit failed: ${String(error)}\n`));
});

let exitCode = 1;
try {
  exitCode = await relayCommand.run(['--port', values.port ?? '0', '--console-port', values['console-port'] ?? '0', '--data-dir', dataDir], io);
} catch (error) {
  process.stderr.write(`demo: the relay did not start: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  lines.close();
  await Promise.all([mailjet.stop(), segment.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
