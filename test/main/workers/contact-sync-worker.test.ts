// The receive worker against the Mailjet emulator: a batch of identify calls is settled in one write per
// outcome (delivered, failed), not one transaction per contact.
import { createSettlement } from '../../../main/delivery/item-settlement';
import { DEFAULT_RETRY_POLICY } from '../../../main/delivery/retry-policy';
import { silentLogger } from '../../../main/logging/relay-logger';
import type { Storage } from '../../../main/storage/database';
import { createMailjetRest } from '../../../main/upstream/mailjet/rest-core';
import type { ItemQueue } from '../../../main/storage/item-queue';
import { createContactSyncWorker, type ContactSyncDeps } from '../../../main/workers/contact-sync-worker';
import { createPropertyDefinitions } from '../../../main/workers/property-definitions';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { identifyItem, useStorageFixture } from '../../support/storage-fixture';
import { countingQueue } from './counting-queue';

const fixture = useStorageFixture();
let storage: Storage;
let mailjet: MailjetEmulator;
beforeEach(async () => {
  storage = fixture.open();
  mailjet = await startMailjetEmulator({ jobDelayMs: 10 });
});
afterEach(() => mailjet.stop());

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

/** The worker against the emulator; `fetch` lets a test answer one request itself (a proxy's page). */
function workerFor(listId: number, options: { queue?: ItemQueue; fetch?: typeof fetch; definitions?: ContactSyncDeps['definitions'] } = {}) {
  const queue = options.queue ?? storage.queue;
  const rest = createMailjetRest({ baseUrl: mailjet.url, credentials: () => ({ apiKey: mailjet.apiKey, secretKey: mailjet.secretKey }), fetch: options.fetch });
  return createContactSyncWorker({
    queue,
    settlement: createSettlement({ queue, policy: DEFAULT_RETRY_POLICY, clock: { now: () => fixture.clock.now, random: () => 0.5 }, logger: silentLogger }),
    rest,
    definitions: options.definitions ?? createPropertyDefinitions(rest),
    settings: () => ({ listId, flattenMode: 'documented' }),
    hasCredentials: () => true,
    onCredentials: () => undefined,
    polling: { firstDelayMs: 5, maxDelayMs: 20, maxWaitMs: 2_000 },
  });
}

function identifyWith(email: string, traits: Record<string, string>) {
  return { direction: 'receive' as const, kind: 'identify', email, payload: JSON.stringify({ type: 'identify', userId: null, traits: { email, ...traits } }) };
}

/** Past any backoff of the default retry policy (10 min cap). */
function passRetryDelay(): void {
  fixture.clock.now += 11 * 60_000;
}

it('retries a batch when Mailjet answers 200 with a body that is not JSON (a proxy page, a cut-off reply)', async () => {
  const listId = mailjet.seedList({ Name: 'Customers' }).ID;
  await storage.queue.commit([identifyItem('a@example.com', 'ua'), identifyItem('b@example.com', 'ub')]);
  let hiccups = 1;
  const proxied: typeof fetch = async (input, init) => {
    if (hiccups > 0 && init?.method === 'POST' && String(input).endsWith('/managemanycontacts')) {
      hiccups -= 1;
      return new Response('<html>502 Bad Gateway</html', { status: 200, headers: { 'content-type': 'text/html' } });
    }
    return fetch(input, init);
  };
  const worker = workerFor(listId, { fetch: proxied });
  await worker.deliverBatch();
  expect(storage.queue.counts('receive')).toMatchObject({ pending: 2, failed: 0 });
  expect(storage.queue.recent({ direction: 'receive' })[0]?.reason).toMatch(/not the JSON/);
  passRetryDelay();
  await worker.deliverBatch();
  expect(storage.queue.counts('receive')).toMatchObject({ delivered: 2, failed: 0, pending: 0 });
  expect(mailjet.contact('b@example.com')).toBeDefined();
});

it('sends the contacts again when the bulk job is unknown (404 on its status page), without pausing the list as deleted', async () => {
  const listId = mailjet.seedList({ Name: 'Customers' }).ID;
  await storage.queue.commit([identifyItem('a@example.com', 'ua'), identifyItem('b@example.com', 'ub')]);
  mailjet.inject('GET /v3/REST/contactslist/*/managemanycontacts/*', { status: 404 });
  const worker = workerFor(listId);
  expect(await worker.deliverBatch()).toEqual({ claimed: 2, paused: false });
  expect(worker.problem()).toBeUndefined();
  expect(storage.queue.counts('receive')).toMatchObject({ pending: 2, failed: 0 });
  passRetryDelay();
  await worker.deliverBatch();
  expect(storage.queue.counts('receive')).toMatchObject({ delivered: 2, pending: 0 });
  expect(mailjet.jobs).toHaveLength(2);
});

it('still pauses on a 404 for the list itself', async () => {
  const gone = mailjet.seedList({ Name: 'Old', IsDeleted: true }).ID;
  await storage.queue.commit([identifyItem('a@example.com', 'ua'), identifyItem('b@example.com', 'ub')]);
  const worker = workerFor(gone);
  expect(await worker.deliverBatch()).toEqual({ claimed: 2, paused: true });
  expect(worker.problem()?.code).toBe('list_deleted');
  expect(storage.queue.counts('receive')).toMatchObject({ pending: 2, failed: 0 });
});

it.each([
  ['a historic (read-only) property of that name exists', () => void mailjet.seedProperty({ Name: 'score', Datatype: 'str', NameSpace: 'historic' }), /"score" is a historic \(read-only\) property/],
  ['Mailjet refuses to create it (400)', () => mailjet.inject('POST /v3/REST/contactmetadata', { status: 400 }), /Mailjet would not create the property "score"/],
])('delivers the contact without a property when %s, and says so on the item', async (_case, arrange, why) => {
  const listId = mailjet.seedList({ Name: 'Customers' }).ID;
  mailjet.seedProperty({ Name: 'plan', Datatype: 'str' });
  arrange();
  await storage.queue.commit([identifyWith('ada@example.com', { plan: 'pro', score: 'nine' })]);
  await workerFor(listId).deliverBatch();
  expect(mailjet.contact('ada@example.com')?.Properties).toEqual({ plan: 'pro' });
  const [item] = storage.queue.recent({ direction: 'receive' });
  expect(item?.status).toBe('delivered');
  expect(item?.reason).toMatch(/^Delivered without one value: /);
  expect(item?.reason).toMatch(why);
});

describe('identify calls for one contact apply in received order', () => {
  const upsertPath = 'POST /v3/REST/contactslist/*/managecontact';

  it('a retried older call claimed with a newer one does not win the merge', async () => {
    const listId = mailjet.seedList({ Name: 'Customers' }).ID;
    const worker = workerFor(listId);
    await storage.queue.commit([identifyWith('x@example.com', { plan: 'old' })]);
    mailjet.inject(upsertPath, { status: 503 });
    await worker.deliverBatch();
    // The newer call arrives before the older one's retry is due; then both are due together.
    await storage.queue.commit([identifyWith('x@example.com', { plan: 'new' })]);
    passRetryDelay();
    expect(await worker.deliverBatch()).toMatchObject({ claimed: 2 });
    expect(mailjet.contact('x@example.com')?.Properties).toMatchObject({ plan: 'new' });
    expect(storage.queue.counts('receive')).toMatchObject({ delivered: 2, pending: 0 });
  });

  it('a newer call takes the older pending one along, so the older one never lands after it', async () => {
    const listId = mailjet.seedList({ Name: 'Customers' }).ID;
    const worker = workerFor(listId);
    await storage.queue.commit([identifyWith('x@example.com', { plan: 'old', company: 'Acme' })]);
    mailjet.inject(upsertPath, { status: 503 });
    await worker.deliverBatch();
    await storage.queue.commit([identifyWith('x@example.com', { plan: 'new' })]);
    // Only the newer call is due, yet the older one goes with it, merged in received order.
    expect(await worker.deliverBatch()).toMatchObject({ claimed: 2 });
    passRetryDelay();
    expect(await worker.deliverBatch()).toEqual({ claimed: 0 });
    expect(mailjet.contact('x@example.com')?.Properties).toEqual({ plan: 'new', company: 'Acme' });
    expect(storage.queue.counts('receive')).toMatchObject({ delivered: 2, pending: 0 });
  });

  it('an older dead letter retried after a newer call was delivered is not sent, and says why', async () => {
    const listId = mailjet.seedList({ Name: 'Customers' }).ID;
    const worker = workerFor(listId);
    await storage.queue.commit([identifyWith('x@example.com', { plan: 'old' })]);
    mailjet.inject(upsertPath, { status: 400 });
    await worker.deliverBatch();
    expect(storage.queue.counts('receive').failed).toBe(1);
    await storage.queue.commit([identifyWith('X@example.com', { plan: 'new' })]);
    await worker.deliverBatch();
    expect(storage.queue.retryFailed()).toBe(1);
    mailjet.clearRequests();
    expect(await worker.deliverBatch()).toMatchObject({ claimed: 1 });
    expect(mailjet.requests.filter((request) => request.method === 'POST')).toEqual([]);
    expect(mailjet.contact('x@example.com')?.Properties).toEqual({ plan: 'new' });
    const older = storage.queue.recent({ direction: 'receive' }).find((item) => item.status === 'delivered' && item.reason !== undefined);
    expect(older?.reason).toMatch(/a newer identify for this email \(item \d+\) was already delivered/);
  });
});

it('sends a backlog of 1,200 identify calls in one bulk job, later traits of a contact winning', async () => {
  const listId = mailjet.seedList({ Name: 'Customers' }).ID;
  const calls = Array.from({ length: 1_199 }, (_, n) => identifyWith(`member${n}@example.com`, { plan: 'free' }));
  // The same contact again, past the first storage step of 100: it still joins the one job, and wins.
  await storage.queue.commit([...calls, identifyWith('member3@example.com', { plan: 'pro' })]);
  const counted = countingQueue(storage.queue);
  expect(await workerFor(listId, { queue: counted.queue }).deliverBatch()).toEqual({ claimed: 1_200, paused: false });
  // Claimed and marked delivered 100 at a time (one transaction each, a yield between), yet one job.
  expect(counted.claims.every((limit) => limit <= 100)).toBe(true);
  expect(counted.sizes.map((write) => write.items)).toEqual(Array.from({ length: 12 }, () => 100));
  expect(new Set(counted.writes)).toEqual(new Set(['markDelivered']));
  const jobs = mailjet.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/managemanycontacts'));
  expect(jobs.map((job) => (JSON.parse(job.body) as { Contacts: unknown[] }).Contacts.length)).toEqual([1_199]);
  expect(storage.queue.counts('receive')).toMatchObject({ delivered: 1_200, pending: 0, inFlight: 0 });
  expect(mailjet.contact('member3@example.com')?.Properties).toMatchObject({ plan: 'pro' });
  expect(mailjet.contacts).toHaveLength(1_199);
});
