// The official node-mailjet 6 client against the emulator: if it works here, the emulator speaks Mailjet.
// node-mailjet always builds https URLs; the protocol is switched to http for this file only.
import Mailjet from 'node-mailjet';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator.js';
import { pollUntil } from '../../support/condition-polling';

type ProtocolSwitch = { protocol: string };
const requestClass = Mailjet.Request as unknown as ProtocolSwitch;
const originalProtocol = requestClass.protocol;

let emulator: MailjetEmulator;
let client: Mailjet;

beforeAll(async () => {
  requestClass.protocol = 'http://';
  emulator = await startMailjetEmulator({ jobDelayMs: 20 });
  client = new Mailjet({ apiKey: emulator.apiKey, apiSecret: emulator.secretKey, config: { host: new URL(emulator.url).host } });
});

afterAll(async () => {
  requestClass.protocol = originalProtocol;
  await emulator.stop();
});

interface Listed<T> {
  Count: number;
  Total: number;
  Data: T[];
}

function listed<T>(response: { body: unknown }): Listed<T> {
  return response.body as Listed<T>;
}

it('creates and lists contact lists', async () => {
  const created = await client.post('contactslist').request({ Name: 'Segment Master List' });
  const list = listed<{ ID: number; Name: string }>(created).Data[0];
  expect(created.response.status).toBe(201);
  expect(list?.Name).toBe('Segment Master List');

  const page = await client.get('contactslist').request(undefined, { Limit: 1000 });
  expect(listed<{ ID: number }>(page).Data.map((row) => row.ID)).toContain(list?.ID);
  const byId = await client.get('contactslist').id(list?.ID ?? 0).request();
  expect(listed<{ Name: string; SubscriberCount: number }>(byId).Data[0]).toMatchObject({ Name: 'Segment Master List', SubscriberCount: 0 });
});

it('defines properties, upserts a contact and reads its data back', async () => {
  const list = emulator.seedList({ Name: 'Customers' });
  await client.post('contactmetadata').request({ Name: 'plan', Datatype: 'str', NameSpace: 'static' });
  await client.post('contactmetadata').request({ Name: 'seats', Datatype: 'int', NameSpace: 'static' });
  const metadata = await client.get('contactmetadata').request(undefined, { Limit: 1000 });
  expect(listed<{ Name: string; Datatype: string }>(metadata).Data).toEqual(
    expect.arrayContaining([expect.objectContaining({ Name: 'plan', Datatype: 'str' }), expect.objectContaining({ Name: 'seats', Datatype: 'int' })]),
  );

  const upsert = await client
    .post('contactslist')
    .id(list.ID)
    .action('managecontact')
    .request({ Email: 'ada@example.com', Name: 'Ada', Action: 'addnoforce', Properties: { plan: 'pro', seats: 12 } });
  expect(upsert.response.status).toBe(201);

  const contact = await client.get('contact').id('ada@example.com').request();
  const contactId = listed<{ ID: number; Name: string }>(contact).Data[0]?.ID;
  expect(listed<{ Name: string }>(contact).Data[0]?.Name).toBe('Ada');
  const data = await client.get('contactdata').id(contactId ?? 0).request();
  expect(listed<{ Data: { Name: string; Value: string }[] }>(data).Data[0]?.Data).toEqual(
    expect.arrayContaining([{ Name: 'plan', Value: 'pro' }, { Name: 'seats', Value: '12' }]),
  );
});

it('runs a managemanycontacts job that the client can poll to completion', async () => {
  const list = emulator.seedList({ Name: 'Bulk' });
  const posted = await client
    .post('contactslist')
    .id(list.ID)
    .action('managemanycontacts')
    .request({ Action: 'addnoforce', Contacts: [{ Email: 'one@example.com' }, { Email: 'two@example.com' }] });
  const jobId = listed<{ JobID: number }>(posted).Data[0]?.JobID ?? 0;
  let status = '';
  await pollUntil(async () => {
    const job = await client.get('contactslist').id(list.ID).action('managemanycontacts').id(jobId).request();
    status = listed<{ Status: string }>(job).Data[0]?.Status ?? '';
    return status === 'Completed';
  }, 'the bulk job to complete');
  expect(status).toBe('Completed');
  expect(emulator.contact('two@example.com')?.Lists).toEqual([expect.objectContaining({ ListID: list.ID, IsUnsub: false })]);
});

it('registers an event callback and reads its Version back', async () => {
  const created = await client.post('eventcallbackurl').request({ EventType: 'open', Url: 'https://mailjet:s3cret@relay.example/mailjet/events', Version: 2 });
  const id = listed<{ ID: number }>(created).Data[0]?.ID ?? 0;
  const read = await client.get('eventcallbackurl').id(id).request();
  expect(listed<unknown>(read).Data[0]).toMatchObject({ EventType: 'open', IsBackup: false, Status: 'alive', Version: 2 });

  await client.put('eventcallbackurl').id(id).request({ Version: 1 });
  expect(emulator.callbacks.find((row) => row.ID === id)?.Version).toBe(1);
  const deleted = await client.delete('eventcallbackurl').id(id).request();
  expect(deleted.response.status).toBe(204);
  expect(emulator.callbacks).toHaveLength(0);
});

it('rejects wrong keys with a 401 the client surfaces as an error', async () => {
  const intruder = new Mailjet({ apiKey: emulator.apiKey, apiSecret: 'wrong', config: { host: new URL(emulator.url).host } });
  await expect(intruder.get('contactslist').request(undefined, { Limit: 1 })).rejects.toMatchObject({ statusCode: 401 });
});
