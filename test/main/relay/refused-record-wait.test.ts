// A refused request is kept in the refused log before it is answered (main/relay/relay-server.ts): the
// record is written on the storage writer thread, so the answer waits for it without holding the event
// loop, and a record that never comes does not hold the answer for more than REFUSED_RECORD_WAIT_MS.
import type { RefusedRequest } from '../../../main/storage/refused-log';
import { pollUntil } from '../../support/condition-polling';
import { basic, RecordingQueue, send, startRelay, type RunningRelay } from './relay-fixture';

let relay: RunningRelay | undefined;
afterEach(async () => {
  await relay?.server.close();
  relay = undefined;
});

const identifyBody = JSON.stringify({ type: 'identify', userId: 'u1', traits: { email: 'u1@example.com' } });

it('answers a refusal only once its entry is recorded, and serves other requests meanwhile', async () => {
  const recorded: RefusedRequest[] = [];
  let finishRecord: (() => void) | undefined;
  relay = await startRelay({
    queue: new RecordingQueue(),
    onRefused: (entry) =>
      new Promise<void>((resolve) => {
        finishRecord = () => {
          recorded.push(entry);
          resolve();
        };
      }),
  });
  let answered = false;
  const refused = send(relay.port, '/v1/identify', { method: 'POST', headers: { ...basic('wrong-key'), 'content-type': 'application/json' }, body: identifyBody }).then((response) => {
    answered = true;
    return response;
  });
  await pollUntil(() => finishRecord !== undefined, 'the refusal handed to the refused log');
  // While the record is outstanding, the relay still answers others: the event loop is free.
  const health = await send(relay.port, '/healthz', { method: 'GET' });
  expect(health.status).toBe(200);
  expect(answered).toBe(false);
  expect(recorded).toEqual([]);
  finishRecord?.();
  const response = await refused;
  expect(response.status).toBe(401);
  expect(recorded).toEqual([expect.objectContaining({ status: 401, code: 'unauthorized', path: '/v1/identify' })]);
});

it('still answers the refusal when its record never comes', async () => {
  relay = await startRelay({ queue: new RecordingQueue(), onRefused: () => new Promise<void>(() => undefined) });
  const response = await send(relay.port, '/v1/identify', { method: 'POST', headers: { ...basic('wrong-key'), 'content-type': 'application/json' }, body: identifyBody });
  expect(response.status).toBe(401);
  expect(response.json).toMatchObject({ error: { code: 'unauthorized' } });
});

it('still answers the refusal when its record fails', async () => {
  relay = await startRelay({ queue: new RecordingQueue(), onRefused: () => Promise.reject(new Error('SQLITE_FULL')) });
  const response = await send(relay.port, '/v1/identify', { method: 'POST', headers: { ...basic('wrong-key'), 'content-type': 'application/json' }, body: identifyBody });
  expect(response.status).toBe(401);
});
