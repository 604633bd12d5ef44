// `mjsc tail --json` live against a spawned `mjsc relay` (both from source through tsx): items show up
// as they arrive and settle; `mjsc replay` sends one again through the same local socket. Both
// children are killed at the end, whatever happens.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActivityItem } from '../../../shared/api';
import { findRunningConnector } from '../../../main/cli/running-connector';
import { replayCommand } from '../../../main/cli/replay-command';
import { tailCommand } from '../../../main/cli/tail-command';
import { pollUntil } from '../../support/condition-polling';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { startSegmentEmulator, type SegmentEmulator } from '../../../emulators/segment/segment-emulator';
import { fakeCliIo } from './fake-cli-io';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const sourceEntry = join(projectRoot, 'main/cli/mjsc.ts');
const SECRETS = { MJSC_SEGMENT_WRITE_KEY: 'canaryTailWriteKey81', MJSC_RELAY_KEY: 'canaryTailRelayKey62', MJSC_EVENTS_SECRET: 'canaryTailEventsSec43' } as const;

let mailjet: MailjetEmulator;
let segment: SegmentEmulator;
let dataDir: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  mailjet = await startMailjetEmulator({ jobDelayMs: 20 });
  segment = await startSegmentEmulator({ writeKeys: [SECRETS.MJSC_SEGMENT_WRITE_KEY] });
  dataDir = mkdtempSync(join(tmpdir(), 'mjsc-tail-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all([mailjet.stop(), segment.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

function spawnMjsc(args: string[]) {
  const env = { PATH: process.env.PATH, HOME: dataDir, MJSC_MAILJET_API_URL: mailjet.url, MJSC_SEGMENT_API_URL: segment.url, MJSC_MAILJET_API_KEY: mailjet.apiKey, MJSC_MAILJET_SECRET_KEY: mailjet.secretKey, ...SECRETS };
  const child = spawn(process.execPath, ['--import', 'tsx', sourceEntry, ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output, exited };
}

async function postOpenEvent(relayUrl: string, email: string): Promise<number> {
  const body = `{"event":"open","time":1433334600,"MessageID":19421777835146492,"email":"${email}","mj_campaign_id":7257,"mj_contact_id":4,"customcampaign":"","CustomID":"","Payload":""}`;
  const auth = Buffer.from(`mailjet:${SECRETS.MJSC_EVENTS_SECRET}`).toString('base64');
  return (await fetch(`${relayUrl}/mailjet/events`, { method: 'POST', headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' }, body })).status;
}

it('streams items as JSON lines as they arrive and settle, and mjsc replay sends one again', async () => {
  const relay = spawnMjsc(['relay', '--port', '0', '--console-port', '0', '--data-dir', dataDir]);
  await pollUntil(() => relay.output.stdout.split('\n').length >= 3 || relay.child.exitCode !== null, 'the relay ready lines', { timeoutMs: 45_000, intervalMs: 50 });
  const relayUrl = relay.output.stdout.split('\n')[0]?.slice('relay listening on '.length) ?? '';
  const running = await findRunningConnector(dataDir);
  expect((await running!.call('enableSend', { onConflict: 'replace' })).state).toBe('enabled');

  const tail = spawnMjsc(['tail', '--json', '--direction', 'send', '--data-dir', dataDir]);
  await pollUntil(() => tail.output.stderr.includes('mjsc: tailing') || tail.child.exitCode !== null, 'tail to start', { timeoutMs: 45_000, intervalMs: 50 });
  expect(tail.output.stderr).toContain(join(dataDir, 'control.sock'));

  expect(await postOpenEvent(relayUrl, 'ada@example.com')).toBe(200);
  const lines = (): ActivityItem[] => tail.output.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as ActivityItem);
  await pollUntil(() => lines().some((item) => item.status === 'delivered'), 'a delivered line from tail', { timeoutMs: 20_000, intervalMs: 50 });
  const delivered = lines().find((item) => item.status === 'delivered')!;
  expect(delivered).toMatchObject({ direction: 'send', kind: 'open', email: 'ada@example.com', attempts: 1 });
  expect(lines().every((item) => item.direction === 'send' && item.id === delivered.id)).toBe(true);

  const io = { ...fakeCliIo(), env: { MJSC_DATA_DIR: dataDir } };
  expect(await replayCommand.run([delivered.id, '--new-message-id'], io)).toBe(0);
  expect(io.stdout()).toBe('replayed 1 item with a new messageId (Segment keeps it)\n');
  await pollUntil(() => segment.received.length === 2, 'the replayed event at Segment', { timeoutMs: 20_000 });
  await pollUntil(() => lines().filter((item) => item.status === 'delivered').length === 2, 'the replay settling in tail', { timeoutMs: 20_000, intervalMs: 50 });
  expect(lines().at(-1)).toMatchObject({ id: delivered.id, status: 'delivered', attempts: 2 });

  tail.child.kill('SIGINT');
  expect(await tail.exited).toBe(0);
  relay.child.kill('SIGTERM');
  expect(await relay.exited).toBe(0);
}, 120_000);

it('says no connector runs on the data dir, and refuses bad filters with exit code 2', async () => {
  const io = { ...fakeCliIo(), env: { MJSC_DATA_DIR: dataDir } };
  expect(await tailCommand.run([], io).catch((error: Error) => error.message)).toMatch(/^no connector is running on .*start the desktop app or `mjsc relay`/);
  await expect(tailCommand.run(['--status', 'lost'], io)).rejects.toMatchObject({ exitCode: 2 });
});
