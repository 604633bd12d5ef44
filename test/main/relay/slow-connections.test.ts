// 600 slow, reconnecting connections from 127.0.0.1 (a slowloris, or everyone behind one tunnel) against
// the relay's default cap of 512: slow connections are evicted to make room, so legitimate senders are
// still served. Before eviction, 0 of 30 legitimate requests got through.
import { connect, type Socket } from 'node:net';
import { basic, EVENTS_SECRET, postJson, RecordingQueue, startRelay, type RunningRelay } from './relay-fixture';

const SENT = '{"event":"sent","time":1433333949,"MessageID":19421777835146491,"email":"api@mailjet.com","mj_campaign_id":7257,"mj_contact_id":4}';
const SLOW = 600;
const LEGITIMATE = 30;

let relay: RunningRelay;
let stopping = false;
const sockets = new Set<Socket>();
beforeEach(async () => {
  relay = await startRelay({ queue: new RecordingQueue() });
});
afterEach(async () => {
  stopping = true;
  for (const socket of sockets) socket.destroy();
  await relay.server.close();
});

/** Opens a connection that sends half its headers and then nothing; when it is closed, it comes back. */
function slowClient(port: number): void {
  if (stopping) return;
  const socket = connect(port, '127.0.0.1', () => socket.write(`POST /mailjet/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/`));
  sockets.add(socket);
  socket.on('error', () => undefined);
  socket.on('close', () => {
    sockets.delete(socket);
    setImmediate(() => slowClient(port));
  });
}

it('serves at least 90 % of legitimate requests during 600 slow reconnecting connections', { timeout: 60_000 }, async () => {
  for (let n = 0; n < SLOW; n += 1) slowClient(relay.port);
  // Wait until the slow clients fill the listener past its cap.
  while (sockets.size < SLOW) await new Promise((resolve) => setImmediate(resolve));
  let served = 0;
  for (let n = 0; n < LEGITIMATE; n += 1) {
    const answer = await postJson(relay.port, '/mailjet/events', SENT, basic('mailjet', EVENTS_SECRET)).catch(() => undefined);
    if (answer?.status === 200) served += 1;
  }
  expect(served).toBeGreaterThanOrEqual(Math.ceil(LEGITIMATE * 0.9));
});
