// Contact upserts against the Mailjet emulator: managecontact for one, a polled managemanycontacts job
// for several, and a contact-by-contact replay when the job reports errors.
import { createMailjetRest } from '../../../../main/upstream/mailjet/rest-core';
import { upsertContacts, type BulkUpsertDeps } from '../../../../main/upstream/mailjet/contact-upserts';
import { startMailjetEmulator, type MailjetEmulator } from '../../../../emulators/mailjet/mailjet-emulator';

let mailjet: MailjetEmulator;
let listId: number;
let deps: BulkUpsertDeps;

beforeEach(async () => {
  mailjet = await startMailjetEmulator({ jobDelayMs: 20 });
  listId = mailjet.seedList({ Name: 'Customers' }).ID;
  mailjet.seedProperty({ Name: 'plan', Datatype: 'str' });
  const rest = createMailjetRest({ baseUrl: mailjet.url, credentials: () => ({ apiKey: mailjet.apiKey, secretKey: mailjet.secretKey }) });
  deps = { rest, polling: { firstDelayMs: 5, maxDelayMs: 20, maxWaitMs: 2_000 } };
});
afterEach(async () => {
  await mailjet.stop();
});

it('upserts one contact with managecontact, addnoforce, Properties as an object', async () => {
  expect(await upsertContacts(deps, listId, [{ Email: 'ada@example.com', Name: 'Ada', Properties: { plan: 'pro' } }])).toEqual([{ ok: true }]);
  const [request] = mailjet.requests.filter((r) => r.method === 'POST');
  expect(request?.path).toBe(`/v3/REST/contactslist/${listId}/managecontact`);
  expect(JSON.parse(request?.body ?? '{}')).toEqual({ Email: 'ada@example.com', Name: 'Ada', Properties: { plan: 'pro' }, Action: 'addnoforce' });
  expect(mailjet.contact('ada@example.com')).toMatchObject({ Name: 'Ada', Properties: { plan: 'pro' }, IsExcludedFromCampaigns: false });
});

it('keeps an unsubscribed contact unsubscribed', async () => {
  mailjet.seedContact({ Email: 'gone@example.com', Lists: [{ ListID: listId, IsUnsub: true }] });
  await upsertContacts(deps, listId, [{ Email: 'gone@example.com', Properties: { plan: 'free' } }]);
  expect(mailjet.contact('gone@example.com')?.Lists).toEqual([expect.objectContaining({ ListID: listId, IsUnsub: true })]);
});

it('upserts several contacts in one job and polls it to completion', async () => {
  const contacts = ['a', 'b', 'c'].map((name) => ({ Email: `${name}@example.com`, Properties: { plan: name } }));
  expect(await upsertContacts(deps, listId, contacts)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
  expect(mailjet.jobs).toHaveLength(1);
  expect(mailjet.requests.filter((r) => r.method === 'GET' && /managemanycontacts\/\d+$/.test(r.path)).length).toBeGreaterThan(0);
  expect(mailjet.contacts.map((contact) => contact.Email).sort()).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
});

it('replays a failed job contact by contact and reports each contact Mailjet refuses', async () => {
  mailjet.failNextJob('Error');
  const outcomes = await upsertContacts(deps, listId, [
    { Email: 'ok@example.com', Properties: { plan: 'pro' } },
    { Email: 'bad@example.com', Properties: { undefined_property: 'x' } },
  ]);
  expect(outcomes[0]).toEqual({ ok: true });
  expect(outcomes[1]).toMatchObject({ ok: false, error: { status: 400, upstreamMessage: expect.stringMatching(/Property not defined/) } });
  expect(mailjet.contact('ok@example.com')).toBeDefined();
});

it('throws a 404 for a deleted list, for the caller to pause on', async () => {
  const gone = mailjet.seedList({ Name: 'Old', IsDeleted: true }).ID;
  await expect(upsertContacts(deps, gone, [{ Email: 'a@example.com', Properties: {} }, { Email: 'b@example.com', Properties: {} }])).rejects.toMatchObject({ status: 404, code: 'mailjet_not_found' });
});

it('stops polling a job that never finishes, with a retryable error', async () => {
  const slow = { ...deps, polling: { firstDelayMs: 1, maxDelayMs: 1, maxWaitMs: 3 } };
  const stuck = await startMailjetEmulator({ jobDelayMs: 60_000 });
  try {
    const stuckList = stuck.seedList({ Name: 'Slow' }).ID;
    const rest = createMailjetRest({ baseUrl: stuck.url, credentials: () => ({ apiKey: stuck.apiKey, secretKey: stuck.secretKey }) });
    await expect(upsertContacts({ ...slow, rest }, stuckList, [{ Email: 'a@example.com', Properties: {} }, { Email: 'b@example.com', Properties: {} }])).rejects.toMatchObject({ code: 'mailjet_job_timeout', retryable: true });
  } finally {
    await stuck.stop();
  }
});

it('reports a job its status page no longer knows (404) as retryable, not as a missing list', async () => {
  mailjet.inject('GET /v3/REST/contactslist/*/managemanycontacts/*', { status: 404 });
  await expect(upsertContacts(deps, listId, [{ Email: 'a@example.com', Properties: {} }, { Email: 'b@example.com', Properties: {} }])).rejects.toMatchObject({ code: 'mailjet_job_lost', retryable: true });
});

it('halves a job Mailjet refuses as too large (413) instead of sending its contacts one by one', async () => {
  const strict = await startMailjetEmulator({ jobDelayMs: 5, maxContactsPerJob: 40 });
  try {
    const strictList = strict.seedList({ Name: 'Strict' }).ID;
    const rest = createMailjetRest({ baseUrl: strict.url, credentials: () => ({ apiKey: strict.apiKey, secretKey: strict.secretKey }) });
    const contacts = Array.from({ length: 100 }, (_, i) => ({ Email: `c${i}@example.com`, Properties: {} }));
    const outcomes = await upsertContacts({ ...deps, rest }, strictList, contacts);
    expect(outcomes).toHaveLength(100);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(strict.contacts.map((contact) => contact.Email).sort()).toEqual(contacts.map((contact) => contact.Email).sort());
    const jobs = strict.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/managemanycontacts'));
    // 100 refused, two 50s refused, four of 25 accepted; never a single managecontact call.
    expect(jobs).toHaveLength(7);
    expect(strict.requests.filter((r) => r.path.endsWith('/managecontact'))).toHaveLength(0);
  } finally {
    await strict.stop();
  }
});
