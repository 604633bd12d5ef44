// `npm run emulators` end to end: it prints two URLs with credentials that answer, and stops on SIGINT.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pollUntil } from './condition-polling.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

it('prints working URLs and credentials for both emulators, and exits 0 on SIGINT', async () => {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'test/emulators/start-emulators.ts', '--mailjet-port', '0', '--segment-port', '0'], {
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
  } finally {
    child.kill('SIGINT');
  }
  expect(await exited).toBe(0);
  expect(output).toContain('segment accepted 1 messages');
});
