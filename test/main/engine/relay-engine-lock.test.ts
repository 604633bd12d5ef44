// A second engine on a data dir in use (say `mjsc relay` while the desktop app runs) fails before it
// opens the database, so the first one's in-flight items are neither reset nor delivered twice.
import { join } from 'node:path';
import { loadRelayConfig } from '../../../main/config/relay-config';
import { startRelayEngine } from '../../../main/engine/relay-engine';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store';
import { openStorage } from '../../../main/storage/database';
import { identifyItem } from '../../support/storage-fixture';
import { CANARIES, capturingLogger, FAST_TUNING, removeDir, startHarness, type Harness } from '../../support/engine-harness';

let harness: Harness;
beforeEach(async () => {
  // No list chosen: the receive loop claims nothing, so the test alone decides what is in flight.
  harness = await startHarness({ settings: { listId: null } });
});
afterEach(async () => {
  await harness.stop();
  removeDir(harness.dataDir);
});

it("refuses a second engine on the same data dir and leaves the first one's in-flight items alone", async () => {
  // The engine keeps its storage to itself: a second connection to its database puts two items in flight.
  const storage = openStorage({ path: join(harness.dataDir, 'connector.db') });
  const { queue } = storage;
  await queue.commit([identifyItem('a@example.com', 'ua'), identifyItem('b@example.com', 'ub')]);
  expect(queue.claim('receive', 10)).toHaveLength(2);
  const second = startRelayEngine({
    dataDir: harness.dataDir,
    config: loadRelayConfig({ host: '127.0.0.1', port: 0 }, { MJSC_MAILJET_API_URL: harness.mailjet.url, MJSC_SEGMENT_API_URL: harness.segment.url }),
    secrets: new MemorySecretStore({ ...CANARIES }),
    logger: capturingLogger,
    tuning: FAST_TUNING,
  });
  await expect(second).rejects.toMatchObject({ code: 'data_dir_in_use', message: expect.stringContaining(`is already using ${harness.dataDir} (pid ${process.pid})`) });
  expect(harness.engine.status().queue.receive).toMatchObject({ inFlight: 2, pending: 0 });
  await storage.close();
});

it('lets the next engine in once the first has stopped', async () => {
  await harness.engine.stop();
  await harness.startEngine();
  expect(harness.engine.status().queue.receive.pending).toBe(0);
});
