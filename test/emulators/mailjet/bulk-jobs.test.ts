// managemanycontacts: asynchronous, and per-contact errors visible only in the job.
import { pollUntil } from '../../support/condition-polling.js';
import { callMailjet } from '../../../emulators/mailjet/mailjet-rest-call.js';
import { startMailjetEmulator, type ContactListView, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator.js';

let emulator: MailjetEmulator;
let list: ContactListView;

async function startWith(jobDelayMs: number): Promise<void> {
  emulator = await startMailjetEmulator({ jobDelayMs });
  list = emulator.seedList({ Name: 'Customers' });
  emulator.seedProperty({ Name: 'seats', Datatype: 'int' });
}
afterEach(async () => {
  await emulator.stop();
});

const postJob = (contacts: unknown[], action = 'addnoforce') =>
  callMailjet(emulator, 'POST', `contactslist/${list.ID}/managemanycontacts`, { Action: action, Contacts: contacts });
const readJob = async (jobId: unknown) => (await callMailjet(emulator, 'GET', `contactslist/${list.ID}/managemanycontacts/${String(jobId)}`)).json.Data?.[0];

it('answers only a JobID, and imports nothing until the job completes', async () => {
  // Long enough that the job cannot finish between the POST and the first read on a busy machine.
  await startWith(60_000);
  const posted = await postJob([{ Email: 'ada@example.com', Properties: { seats: 3 } }]);
  expect(posted.status).toBe(201);
  expect(posted.json.Data).toEqual([{ JobID: expect.any(Number) }]);
  expect(await readJob(posted.json.Data?.[0]?.JobID)).toMatchObject({ Status: 'Allocated', Count: 0, Error: '', ErrorFile: '' });
  expect(emulator.contact('ada@example.com')).toBeUndefined();
});

it('completes after the configured delay and then holds the contacts', async () => {
  await startWith(40);
  const jobId = (await postJob([{ Email: 'ada@example.com', Name: 'Ada', Properties: { seats: 3 } }, { Email: 'bob@example.com' }])).json.Data?.[0]?.JobID;
  await pollUntil(async () => (await readJob(jobId))?.Status === 'Completed', 'the job to complete');
  expect(await readJob(jobId)).toMatchObject({ Status: 'Completed', Count: 2, Error: '', ContactsLists: [{ ListID: list.ID, Action: 'addnoforce' }] });
  expect(emulator.contact('ada@example.com')).toMatchObject({ Name: 'Ada', Properties: { seats: '3' } });
  expect(emulator.contact('bob@example.com')?.Lists).toEqual([expect.objectContaining({ ListID: list.ID })]);
});

it('reports per-contact errors only in the job, importing the rest', async () => {
  await startWith(10);
  const posted = await postJob([
    { Email: 'ada@example.com', Properties: { seats: 3 } },
    { Email: 'bob@example.com', Properties: { seats: 'many' } },
    { Email: 'cy@example.com', Properties: { undefined_prop: 'x' } },
    { Email: 'not-an-email' },
    { Email: 'dee@example.com', Properties: '{"seats":4}' },
  ]);
  expect(posted.status).toBe(201);
  expect(posted.text).not.toMatch(/error/i);
  const jobId = posted.json.Data?.[0]?.JobID;
  await pollUntil(async () => (await readJob(jobId))?.Status === 'Completed', 'the job to complete');
  const job = await readJob(jobId);
  expect(job).toMatchObject({ Status: 'Completed', Count: 5, Error: expect.stringContaining('3 of 5') });
  expect(emulator.contacts.map((contact) => contact.Email).sort()).toEqual(['ada@example.com', 'dee@example.com']);
  // Properties as a string are silently ignored in bulk too.
  expect(emulator.contact('dee@example.com')?.Properties).toEqual({});

  const errorFile = await fetch(String(job?.ErrorFile), { headers: { Authorization: `Basic ${Buffer.from(`${emulator.apiKey}:${emulator.secretKey}`).toString('base64')}` } });
  const csv = await errorFile.text();
  expect(csv.split('\n').filter(Boolean)).toEqual([
    'Email,Error',
    expect.stringMatching(/^bob@example\.com,.*seats/),
    expect.stringMatching(/^cy@example\.com,.*Property not defined/),
    expect.stringMatching(/^not-an-email,/),
  ]);
  expect(emulator.jobs[0]?.errors.map((row) => row.Email)).toEqual(['bob@example.com', 'cy@example.com', 'not-an-email']);
});

it('can end a job in Error without importing anything', async () => {
  await startWith(10);
  emulator.failNextJob('Error', 'Import failed');
  const jobId = (await postJob([{ Email: 'ada@example.com' }])).json.Data?.[0]?.JobID;
  await pollUntil(async () => (await readJob(jobId))?.Status === 'Error', 'the job to fail');
  expect(await readJob(jobId)).toMatchObject({ Status: 'Error', Error: 'Import failed' });
  expect(emulator.contacts).toEqual([]);
});

it.each([
  ['no Contacts', { Action: 'addnoforce' }],
  ['an empty Contacts array', { Action: 'addnoforce', Contacts: [] }],
  ['an unknown Action', { Action: 'add', Contacts: [{ Email: 'a@example.com' }] }],
])('refuses a job with %s', async (_case, body) => {
  await startWith(10);
  expect((await callMailjet(emulator, 'POST', `contactslist/${list.ID}/managemanycontacts`, body)).status).toBe(400);
});

it('404s a job polled under another list', async () => {
  await startWith(10);
  const other = emulator.seedList({ Name: 'Other' });
  const jobId = (await postJob([{ Email: 'ada@example.com' }])).json.Data?.[0]?.JobID;
  expect((await callMailjet(emulator, 'GET', `contactslist/${other.ID}/managemanycontacts/${String(jobId)}`)).status).toBe(404);
});
