// `npm run emulators`: both emulators on fixed loopback ports for manual runs and demos, until Ctrl-C.
// Flags: --mailjet-port N (18601), --segment-port N (18602), --job-delay-ms N. Never binds beyond 127.0.0.1.
import { parseArgs } from 'node:util';
import { startMailjetEmulator } from './mailjet/mailjet-emulator.js';
import { startSegmentEmulator } from './segment/segment-emulator.js';

function readPort(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`${flag} must be a port number between 0 and 65535, got "${value}"\n`);
    process.exit(2);
  }
  return port;
}

const { values } = parseArgs({
  options: {
    'mailjet-port': { type: 'string' },
    'segment-port': { type: 'string' },
    'job-delay-ms': { type: 'string' },
  },
});

const mailjet = await startMailjetEmulator({
  port: readPort(values['mailjet-port'], 18601, '--mailjet-port'),
  jobDelayMs: readPort(values['job-delay-ms'], 500, '--job-delay-ms'),
  seedFixtures: true,
});
const segment = await startSegmentEmulator({ port: readPort(values['segment-port'], 18602, '--segment-port') });

process.stdout.write(
  [
    `mailjet emulator ${mailjet.url}  (MJSC_MAILJET_API_URL=${mailjet.url})`,
    `  api key    ${mailjet.apiKey}`,
    `  secret key ${mailjet.secretKey}`,
    `segment emulator ${segment.url}  (MJSC_SEGMENT_API_URL=${segment.url})`,
    `  write key  ${segment.writeKeys.join(', ')}`,
    'Ctrl-C to stop.',
    '',
  ].join('\n'),
);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void Promise.all([mailjet.stop(), segment.stop()]).then(() => {
    const types = new Map<string, number>();
    for (const { type } of segment.received) types.set(type, (types.get(type) ?? 0) + 1);
    const byType = [...types].map(([type, count]) => `${type} ${count}`).join(', ');
    process.stdout.write(`stopped; mailjet saw ${mailjet.requests.length} requests, segment accepted ${segment.received.length} messages${byType === '' ? '' : ` (${byType})`}\n`);
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
