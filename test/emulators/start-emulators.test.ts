// `npm run emulators` end to end: it prints two URLs with credentials that answer the official clients,
// and stops on SIGINT. node-mailjet always builds https URLs; the protocol is switched to http here.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Analytics } from '@segment/analytics-node';
import Mailjet from 'node-mailjet';
import { pollUntil } from '../support/condition-polling.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

type ProtocolSwitch = { protocol: string };
const requestClass = Mailjet.Request as unknown as ProtocolSwitch;
const originalProtocol = requestClass.protocol;
beforeAll(() => {
  requestClass.protocol = 'http://';
});
afterAll(() => {
  requestClass.protocol = originalProtocol;
});

/** Creates a list with node-mailjet and reads it back by id: the emulator stored what the client sent. */
async function createListWithNodeMailjet(url: string, apiKey: string, apiSecret: string): Promise<unknown> {
  const client = new Mailjet({ apiKey, apiSecret, config: { host: new URL(url).host } });
  const created = await client.post('contactslist').request({ Name: 'Emulator check' });
  const id = (created.body as { Data: { ID: number }[] }).Data[0]?.ID ?? 0;
  const read = await client.get('contactslist').id(id).request();
  return (read.body as { Data: unknown[] }).Data[0];
}

/** One identify with @segment/analytics-node; resolves with the client's delivery error, if any, once flushed. */
async function identifyWithAnalyticsNode(host: string, writeKey: string): Promise<unknown> {
  const analytics = new Analytics({ writeKey, host, flushAt: 1, maxRetries: 0 });
  const outcome = await new Promise<unknown>((resolve) => analytics.identify({ userId: 'u2', traits: { email: 'ada@example.com' } }, (err?: unknown) => resolve(err)));
  await analytics.closeAndFlush({ timeout: 5_000 });
  return outcome;
}

it('prints working URLs and credentials for both emulators, and exits 0 on SIGINT', async () => {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'emulators/start-emulators.ts', '--mailjet-port', '0', '--segment-port', '0'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await pollUntil(() => output.includes('Ctrl-C to stop.'), 'the emulators to print their URLs', { timeoutMs: 15_000, intervalMs: 50 });
    const mailjetUrl = /mailjet emulator (\S+)/.exec(output)?.[1];
    const apiKey = /api key +(\S+)/.exec(output)?.[1];
    const secretKey = /secret key +(\S+)/.exec(output)?.[1];
    const segmentUrl = /segment emulator (\S+)/.exec(output)?.[1];
    const writeKey = /write key +(\S+)/.exec(output)?.[1];

    const lists = await fetch(`${mailjetUrl}/v3/REST/contactslist?Limit=1`, {
      headers: { Authorization: `Basic ${Buffer.from(`${apiKey}:${secretKey}`).toString('base64')}` },
    });
    expect(lists.status).toBe(200);
    const tracked = await fetch(`${segmentUrl}/v1/track`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
      body: JSON.stringify({ userId: 'u1', event: 'Email Opened' }),
    });
    expect(tracked.status).toBe(200);

    expect(await createListWithNodeMailjet(mailjetUrl ?? '', apiKey ?? '', secretKey ?? '')).toMatchObject({ Name: 'Emulator check', SubscriberCount: 0 });
    expect(await identifyWithAnalyticsNode(segmentUrl ?? '', writeKey ?? '')).toBeUndefined();
  } finally {
    child.kill('SIGINT');
  }
  expect(await exited).toBe(0);
  // One fetch and two node-mailjet calls; the fetch's track and the client's identify, nothing rejected.
  expect(output).toContain('mailjet saw 3 requests, segment accepted 2 messages (track 1, identify 1)');
});
