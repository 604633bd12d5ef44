// getStatus through the control API while the data dir's disk is full (a real 4 MiB tmpfs): the
// receive direction says disk_full with what to do, and the problem clears once a write goes through.
import { pollUntil } from '../../support/condition-polling';
import { startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';
import { fileURLToPath } from 'node:url';
import { mountSmallDisk, rerunInMountNamespace, smallDiskPlace, type SmallDisk } from '../../support/small-disk';

vi.mock('electron', () => import('../electron/fake-electron'));

let disk: SmallDisk | undefined;
let harness: ConnectorHarness | undefined;
afterAll(async () => {
  try {
    await harness?.stop();
  } finally {
    disk?.unmount();
  }
});

async function identify(relayUrl: string, relayKey: string, n: number): Promise<number> {
  const response = await fetch(`${relayUrl}/v1/identify`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${relayKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'identify', userId: `full-${n}`, traits: { email: `full${n}@example.com`, note: 'n'.repeat(2000) } }),
  });
  await response.arrayBuffer();
  return response.status;
}

const place = smallDiskPlace();

it.runIf(place === 'namespace')('(where this user may not mount) runs this file again inside `unshare --user --map-root-user --mount`', async () => {
  expect(await rerunInMountNamespace(fileURLToPath(import.meta.url), 110_000)).toBe(0);
}, 120_000);

it.runIf(place !== 'namespace')('says disk_full in the status while the disk is full, and nothing once there is room again', async () => {
  disk = mountSmallDisk(4);
  disk.reserve(512 * 1024);
  harness = await startConnectorHarness({ dataDir: disk.dir });
  const list = harness.mailjet.seedList({ Name: 'Full disk list' });
  await harness.ok('enableReceive', { listId: list.ID });
  const { relayKey } = await harness.ok('getConnectionInfo');
  const relayUrl = harness.host.relayUrl;

  disk.fill();
  const answers: number[] = [];
  for (let n = 0; n < 400 && !answers.includes(503); n++) answers.push(await identify(relayUrl, relayKey, n));
  expect(answers).toContain(503);
  const status = await harness.ok('getStatus');
  expect(status.receive.problem).toEqual({ code: 'disk_full', message: expect.stringMatching(/is full .*Free some space on that disk: the connector resumes by itself/) });

  disk.free(512 * 1024);
  await pollUntil(async () => (await identify(relayUrl, relayKey, 1000)) === 200, 'intake answering 200 again', { timeoutMs: 20_000, intervalMs: 100 });
  expect((await harness.ok('getStatus')).receive.problem).toBeUndefined();
}, 60_000);
