// Crash safety: a relay process is SIGKILLed in the middle of a stream of Mailjet events and Segment
// identify calls, and started again on the same data dir. Every event it acknowledged reaches Segment,
// and every identify it acknowledged is a contact with its properties in Mailjet; nothing is lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pollUntil } from '../../support/condition-polling';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { startSegmentEmulator, type SegmentEmulator } from '../../../emulators/segment/segment-emulator';
import { CANARIES, readAllFiles, removeDir } from '../../support/engine-harness';
import { postIdentifyBatch, postMailjetEvents } from './engine-traffic';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'relay-process.ts');

interface RelayProcess {
  child: ChildProcess;
  url: string;
  output: string[];
  exited: Promise<number | null>;
}

let segment: SegmentEmulator;
let mailjet: MailjetEmulator;
let listId: number;
let dataDir: string;
const processes: RelayProcess[] = [];

beforeEach(async () => {
  segment = await startSegmentEmulator({ writeKeys: [CANARIES.segmentWriteKey] });
  mailjet = await startMailjetEmulator({ apiKey: CANARIES.mailjetApiKey, secretKey: CANARIES.mailjetSecretKey, jobDelayMs: 20 });
  listId = mailjet.seedList({ Name: 'Crash list' }).ID;
  dataDir = mkdtempSync(join(tmpdir(), 'mjsc-crash-'));
});
afterEach(async () => {
  for (const { child, exited } of processes.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
  await Promise.all([segment.stop(), mailjet.stop()]);
  removeDir(dataDir);
});

async function startRelayProcess(): Promise<RelayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: {
      PATH: process.env.PATH,
      MJSC_DATA_DIR: dataDir,
      MJSC_SEGMENT_API_URL: segment.url,
      MJSC_MAILJET_API_URL: mailjet.url,
      FIXTURE_LIST_ID: String(listId),
      MJSC_MAILJET_API_KEY: CANARIES.mailjetApiKey,
      MJSC_MAILJET_SECRET_KEY: CANARIES.mailjetSecretKey,
      MJSC_SEGMENT_WRITE_KEY: CANARIES.segmentWriteKey,
      MJSC_RELAY_KEY: CANARIES.relayKey,
      MJSC_EVENTS_SECRET: CANARIES.eventsSecret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      output.push(line);
      const match = /^relay listening on (\S+)$/.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`relay process exited (${code}) before listening: ${output.join('\n')}`)));
  });
  const running = { child, url, output, exited };
  processes.push(running);
  return running;
}

function event(n: number): { text: string; emailId: string } {
  const emailId = (19421777835146491n + BigInt(n)).toString();
  return { emailId, text: `{"event":"open","time":${1433334600 + n},"MessageID":${emailId},"email":"reader${n}@example.com","mj_campaign_id":0,"mj_contact_id":${n},"customcampaign":"crash-test","CustomID":"","Payload":""}` };
}

function identify(n: number): { call: Record<string, unknown>; email: string; tier: string } {
  const email = `member${n}@example.com`;
  const tier = `tier-${n % 7}`;
  return { email, tier, call: { type: 'identify', userId: `member-${n}`, messageId: `crash-identify-${n}`, traits: { email, name: `Member ${n}`, tier } } };
}

/** Acknowledged identifies whose contact is not (yet) in the list with its property. */
function missingContacts(acknowledged: ReadonlyArray<{ email: string; tier: string }>): string[] {
  return acknowledged
    .filter(({ email, tier }) => {
      const contact = mailjet.contact(email);
      return contact?.Properties.tier !== tier || !contact.Lists.some((membership) => membership.ListID === listId);
    })
    .map(({ email }) => email);
}

it('delivers every acknowledged event and identify after a SIGKILL mid-stream and a restart on the same data dir', async () => {
  // Segment and Mailjet are slow at first, so a backlog is queued (and some of it in flight) when the process dies.
  segment.inject('POST /v1/batch', { delayMs: 300, count: 5 });
  mailjet.inject('POST /v3/REST/contactslist/*/managemanycontacts', { delayMs: 300, count: 3 });
  const first = await startRelayProcess();
  const acknowledged: string[] = [];
  const acknowledgedIdentifies: Array<{ email: string; tier: string }> = [];
  let next = 0;
  const streaming = (async () => {
    for (;;) {
      const batch = [event(next), event(next + 1), event(next + 2)];
      const calls = [identify(next), identify(next + 1)];
      next += 3;
      try {
        const { status } = await postMailjetEvents(first.url, batch.map((item) => item.text));
        if (status === 200) acknowledged.push(...batch.map((item) => item.emailId));
        const identified = await postIdentifyBatch(first.url, calls.map((item) => item.call));
        if (identified.status === 200) acknowledgedIdentifies.push(...calls);
      } catch {
        return; // The process is gone; this request was never acknowledged.
      }
    }
  })();
  await pollUntil(() => acknowledged.length >= 150 && acknowledgedIdentifies.length >= 100, '150 acknowledged events and 100 identifies');
  first.child.kill('SIGKILL');
  await Promise.all([streaming, first.exited]);
  // The crash left work behind: acknowledged items that had not reached Segment or Mailjet yet.
  const arrivedBeforeRestart = new Set(segment.received.map((call) => (call.message.properties as Record<string, unknown>).email_id));
  expect(acknowledged.filter((id) => !arrivedBeforeRestart.has(id)).length + missingContacts(acknowledgedIdentifies).length).toBeGreaterThan(0);

  const second = await startRelayProcess();
  const arrived = (): Set<unknown> => new Set(segment.received.map((call) => (call.message.properties as Record<string, unknown>).email_id));
  await pollUntil(() => acknowledged.every((id) => arrived().has(id)), 'every acknowledged event at Segment', { timeoutMs: 20_000 });
  await pollUntil(() => missingContacts(acknowledgedIdentifies).length === 0, 'every acknowledged identify a contact in the Mailjet list', { timeoutMs: 20_000 });
  expect(mailjet.contact(acknowledgedIdentifies[0]?.email ?? '')).toMatchObject({ Name: 'Member 0', Properties: { tier: 'tier-0' } });
  // Redeliveries after the crash reuse the messageId, so Segment keeps one copy of each event.
  const messageIdsByEmailId = new Map<unknown, Set<string>>();
  for (const call of segment.received) {
    const emailId = (call.message.properties as Record<string, unknown>).email_id;
    messageIdsByEmailId.set(emailId, (messageIdsByEmailId.get(emailId) ?? new Set()).add(call.messageId));
  }
  expect([...messageIdsByEmailId.values()].every((ids) => ids.size === 1)).toBe(true);

  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
  const secrets = Object.values(CANARIES);
  for (const { output } of [first, second]) for (const secret of secrets) expect(output.filter((line) => line.includes(secret))).toEqual([]);
  for (const { path, bytes } of readAllFiles(dataDir)) {
    for (const secret of secrets) expect({ path, found: bytes.includes(Buffer.from(secret)) }).toEqual({ path, found: false });
  }
}, 60_000);
