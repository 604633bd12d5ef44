// The receive worker against the Mailjet emulator: a batch of identify calls is settled in one write per
// outcome (delivered, failed), not one transaction per contact.
import { createSettlement } from '../../../main/delivery/item-settlement';
import { DEFAULT_RETRY_POLICY } from '../../../main/delivery/retry-policy';
import { silentLogger } from '../../../main/relay/relay-logger';
import type { Storage } from '../../../main/storage/database';
import { createMailjetRest } from '../../../main/upstream/mailjet-rest';
import { createContactSyncWorker } from '../../../main/workers/contact-sync-worker';
import { createPropertyDefinitions } from '../../../main/workers/property-definitions';
import { startMailjetEmulator, type MailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';
import { createStorageFixture, identifyItem, type StorageFixture } from '../storage/storage-fixture';
import { countingQueue } from './counting-queue';

let fixture: StorageFixture;
let storage: Storage;
let mailjet: MailjetEmulator;
beforeEach(async () => {
  fixture = createStorageFixture();
  storage = fixture.open();
  mailjet = await startMailjetEmulator({ jobDelayMs: 10 });
});
afterEach(async () => {
  await fixture.cleanup();
  await mailjet.stop();
});

it('settles a batch of contacts, with one unreadable call and one without an email, in one write per outcome', async () => {
  const listId = mailjet.seedList({ Name: 'Customers' }).ID;
  await storage.queue.commit([
    identifyItem('a@example.com', 'ua'),
    identifyItem('b@example.com', 'ub'),
    { direction: 'receive', kind: 'identify', payload: '{"type":"identify","traits":{"name":"No Email"}}' },
    { direction: 'receive', kind: 'identify', payload: '{broken' },
    identifyItem('c@example.com', 'uc'),
  ]);
  const { queue, writes } = countingQueue(storage.queue);
  const rest = createMailjetRest({ baseUrl: mailjet.url, credentials: () => ({ apiKey: mailjet.apiKey, secretKey: mailjet.secretKey }) });
  const worker = createContactSyncWorker({
    queue,
    settlement: createSettlement({ queue, policy: DEFAULT_RETRY_POLICY, clock: { now: () => fixture.clock.now, random: () => 0.5 }, logger: silentLogger }),
    rest,
    definitions: createPropertyDefinitions(rest),
    settings: () => ({ listId, flattenMode: 'documented' }),
    hasCredentials: () => true,
    onCredentials: () => undefined,
    polling: { firstDelayMs: 5, maxDelayMs: 20, maxWaitMs: 2_000 },
  });
  expect(await worker.deliverBatch()).toEqual({ claimed: 5, paused: false });
  expect(storage.queue.counts('receive')).toMatchObject({ delivered: 3, failed: 2, inFlight: 0 });
  // Unreadable and email-less calls fail in their own writes before the upsert; the contacts in one after it.
  expect(writes.filter((write) => write === 'markDelivered')).toHaveLength(1);
  expect(writes.length).toBeLessThanOrEqual(3);
  expect(['a', 'b', 'c'].every((name) => mailjet.contact(`${name}@example.com`) !== undefined)).toBe(true);
});
