// contactslist and contactmetadata as strict as Mailjet: paging, unique names, deleted lists, auth.
import { callMailjet } from '../../../emulators/mailjet/mailjet-rest-call.js';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator.js';

let emulator: MailjetEmulator;
beforeEach(async () => {
  emulator = await startMailjetEmulator();
});
afterEach(async () => {
  await emulator.stop();
});

describe('auth', () => {
  it.each([
    ['a wrong secret', (e: MailjetEmulator) => `${e.apiKey}:nope`],
    ['the secret as user', (e: MailjetEmulator) => `${e.secretKey}:${e.apiKey}`],
    ['an empty password', (e: MailjetEmulator) => `${e.apiKey}:`],
  ])('answers 401 in Mailjet error shape for %s', async (_case, credentials) => {
    const reply = await callMailjet(emulator, 'GET', 'contactslist?Limit=1', undefined, credentials(emulator));
    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ ErrorInfo: '', StatusCode: 401, ErrorMessage: expect.stringContaining('API key authentication') });
  });

  it('answers 401 without any Authorization header', async () => {
    const response = await fetch(`${emulator.url}/v3/REST/contactslist?Limit=1`);
    expect(response.status).toBe(401);
  });
});

describe('contactslist', () => {
  it('pages 10 rows by default, so later lists are hidden without Limit', async () => {
    for (let index = 0; index < 12; index++) emulator.seedList({ Name: `List ${index}` });
    const firstPage = await callMailjet(emulator, 'GET', 'contactslist');
    expect(firstPage.json).toMatchObject({ Count: 10, Total: 12 });
    const all = await callMailjet(emulator, 'GET', 'contactslist?Limit=1000');
    expect(all.json.Count).toBe(12);
    const rest = await callMailjet(emulator, 'GET', 'contactslist?Offset=10');
    expect(rest.json.Data?.map((row) => row.Name)).toEqual(['List 10', 'List 11']);
  });

  it('caps Limit at 1000', async () => {
    for (let index = 0; index < 1005; index++) emulator.seedList({ Name: `L${index}` });
    expect((await callMailjet(emulator, 'GET', 'contactslist?Limit=5000')).json).toMatchObject({ Count: 1000, Total: 1005 });
  });

  it('filters by exact Name', async () => {
    emulator.seedList({ Name: 'Segment Master List' });
    emulator.seedList({ Name: 'Segment Master List 2' });
    const reply = await callMailjet(emulator, 'GET', `contactslist?Name=${encodeURIComponent('Segment Master List')}`);
    expect(reply.json.Data?.map((row) => row.Name)).toEqual(['Segment Master List']);
  });

  it('creates a list with 201 and refuses a duplicate Name with MJ18', async () => {
    const created = await callMailjet(emulator, 'POST', 'contactslist', { Name: 'Customers' });
    expect(created.status).toBe(201);
    expect(created.json.Data?.[0]).toMatchObject({ Name: 'Customers', IsDeleted: false, SubscriberCount: 0, CreatedAt: expect.any(String) });
    const duplicate = await callMailjet(emulator, 'POST', 'contactslist', { Name: 'Customers' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.ErrorMessage).toMatch(/^MJ18 .*"Customers".*already exists/);
  });

  it('treats PUT as PATCH', async () => {
    const list = emulator.seedList({ Name: 'Old', Address: 'old-address' });
    const reply = await callMailjet(emulator, 'PUT', `contactslist/${list.ID}`, { Name: 'New' });
    expect(reply.json.Data?.[0]).toMatchObject({ Name: 'New', Address: 'old-address' });
  });

  it('answers 404 "Object not found" for every call on a deleted list', async () => {
    const list = emulator.seedList({ Name: 'Doomed' });
    expect((await callMailjet(emulator, 'DELETE', `contactslist/${list.ID}`)).status).toBe(204);
    const calls: [string, string, unknown][] = [
      ['GET', `contactslist/${list.ID}`, undefined],
      ['PUT', `contactslist/${list.ID}`, { Name: 'Back' }],
      ['DELETE', `contactslist/${list.ID}`, undefined],
      ['POST', `contactslist/${list.ID}/managecontact`, { Email: 'a@example.com', Action: 'addnoforce' }],
      ['POST', `contactslist/${list.ID}/managemanycontacts`, { Action: 'addnoforce', Contacts: [{ Email: 'a@example.com' }] }],
    ];
    for (const [method, path, body] of calls) {
      const reply = await callMailjet(emulator, method, path, body);
      expect({ method, path, status: reply.status, message: reply.json.ErrorMessage }).toEqual({ method, path, status: 404, message: 'Object not found' });
    }
    expect((await callMailjet(emulator, 'GET', 'contactslist')).json.Total).toBe(0);
    expect((await callMailjet(emulator, 'GET', 'contactslist?IsDeleted=true')).json.Data?.[0]).toMatchObject({ ID: list.ID, IsDeleted: true });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const reply = await callMailjet(emulator, 'POST', 'contactslist', '{"Name":');
    expect(reply.status).toBe(400);
    expect(reply.json.StatusCode).toBe(400);
  });
});

describe('contactmetadata', () => {
  it.each(['str', 'int', 'float', 'bool', 'datetime'])('defines a static %s property', async (datatype) => {
    const reply = await callMailjet(emulator, 'POST', 'contactmetadata', { Name: `p_${datatype}`, Datatype: datatype, NameSpace: 'static' });
    expect(reply.status).toBe(201);
    expect(emulator.properties).toEqual([expect.objectContaining({ Name: `p_${datatype}`, Datatype: datatype, NameSpace: 'static' })]);
  });

  it('refuses a duplicate name with 400', async () => {
    emulator.seedProperty({ Name: 'plan', Datatype: 'str' });
    const reply = await callMailjet(emulator, 'POST', 'contactmetadata', { Name: 'plan', Datatype: 'int' });
    expect(reply.status).toBe(400);
    expect(reply.json.ErrorMessage).toContain('already exists');
  });

  it.each([
    ['DataType spelled with a capital T', { Name: 'plan', DataType: 'str' }],
    ['an unknown datatype', { Name: 'plan', Datatype: 'string' }],
    ['a name with a dot', { Name: 'address.city', Datatype: 'str' }],
  ])('refuses %s', async (_case, body) => {
    const reply = await callMailjet(emulator, 'POST', 'contactmetadata', body);
    expect(reply.status).toBe(400);
    expect(emulator.properties).toEqual([]);
  });

  it('pages property definitions 10 at a time by default', async () => {
    for (let index = 0; index < 11; index++) emulator.seedProperty({ Name: `p${index}`, Datatype: 'str' });
    expect((await callMailjet(emulator, 'GET', 'contactmetadata')).json).toMatchObject({ Count: 10, Total: 11 });
  });
});
