// eventcallbackurl: the MJ18 one-row-per-slot rule, a default page of 10, PUT, DELETE and Version.
import { callMailjet } from '../../../emulators/mailjet/mailjet-rest-call.js';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator.js';

let emulator: MailjetEmulator;
beforeEach(async () => {
  emulator = await startMailjetEmulator();
});
afterEach(async () => {
  await emulator.stop();
});

const types = ['sent', 'open', 'click', 'bounce', 'spam', 'blocked', 'unsub'];

it('hides callbacks past the first 10 unless Limit is raised', async () => {
  for (const type of types) {
    emulator.seedCallback({ EventType: type, Url: `https://primary.example/${type}` });
    emulator.seedCallback({ EventType: type, Url: `https://backup.example/${type}`, IsBackup: true });
  }
  const defaultPage = await callMailjet(emulator, 'GET', 'eventcallbackurl');
  expect(defaultPage.json).toMatchObject({ Count: 10, Total: 14 });
  const everything = await callMailjet(emulator, 'GET', 'eventcallbackurl?Limit=1000');
  expect(everything.json.Count).toBe(14);
  expect(everything.json.Data?.[0]).toEqual({
    ID: expect.any(Number),
    APIKeyID: expect.any(Number),
    EventType: 'sent',
    Url: 'https://primary.example/sent',
    IsBackup: false,
    Status: 'alive',
    Version: 1,
  });
});

it('refuses a second primary for the same event type with MJ18, but takes a backup', async () => {
  expect((await callMailjet(emulator, 'POST', 'eventcallbackurl', { EventType: 'open', Url: 'https://a.example/' })).status).toBe(201);
  const duplicate = await callMailjet(emulator, 'POST', 'eventcallbackurl', { EventType: 'open', Url: 'https://b.example/' });
  expect(duplicate.status).toBe(400);
  expect(duplicate.json.ErrorMessage).toBe('MJ18 A EventCallbackURL resource with value "open|false" for EventType|Backup already exists.');
  expect((await callMailjet(emulator, 'POST', 'eventcallbackurl', { EventType: 'open', Url: 'https://b.example/', IsBackup: true })).status).toBe(201);
  expect(emulator.callbacks.map((row) => [row.EventType, row.IsBackup, row.Url])).toEqual([
    ['open', false, 'https://a.example/'],
    ['open', true, 'https://b.example/'],
  ]);
});

it('stores Version and lets PUT change it like a PATCH', async () => {
  const created = await callMailjet(emulator, 'POST', 'eventcallbackurl', { EventType: 'click', Url: 'https://mailjet:pw@relay.example/mailjet/events', Version: 2 });
  const id = created.json.Data?.[0]?.ID;
  expect(created.json.Data?.[0]).toMatchObject({ Version: 2, Url: 'https://mailjet:pw@relay.example/mailjet/events' });
  const updated = await callMailjet(emulator, 'PUT', `eventcallbackurl/${String(id)}`, { Url: 'https://other.example/' });
  expect(updated.json.Data?.[0]).toMatchObject({ EventType: 'click', Version: 2, Url: 'https://other.example/' });
  expect((await callMailjet(emulator, 'GET', `eventcallbackurl/${String(id)}`)).json.Data?.[0]?.Url).toBe('https://other.example/');
});

it('refuses a PUT that moves a row onto an occupied slot', async () => {
  emulator.seedCallback({ EventType: 'open', Url: 'https://a.example/' });
  const click = emulator.seedCallback({ EventType: 'click', Url: 'https://b.example/' });
  const reply = await callMailjet(emulator, 'PUT', `eventcallbackurl/${click.ID}`, { EventType: 'open' });
  expect(reply.status).toBe(400);
  expect(reply.json.ErrorMessage).toMatch(/^MJ18 /);
  expect(emulator.callbacks.find((row) => row.ID === click.ID)?.EventType).toBe('click');
});

it('deletes with 204 and then 404s the row', async () => {
  const row = emulator.seedCallback({ EventType: 'sent', Url: 'https://a.example/' });
  const deleted = await callMailjet(emulator, 'DELETE', `eventcallbackurl/${row.ID}`);
  expect(deleted.status).toBe(204);
  expect(deleted.text).toBe('');
  expect((await callMailjet(emulator, 'GET', `eventcallbackurl/${row.ID}`)).status).toBe(404);
});

it.each([
  ['an unknown event type', { EventType: 'delivered', Url: 'https://a.example/' }],
  ['a Version of 3', { EventType: 'sent', Url: 'https://a.example/', Version: 3 }],
  ['a Url that is not http(s)', { EventType: 'sent', Url: 'ftp://a.example/' }],
  ['no Url', { EventType: 'sent' }],
])('refuses %s', async (_case, body) => {
  expect((await callMailjet(emulator, 'POST', 'eventcallbackurl', body)).status).toBe(400);
});
