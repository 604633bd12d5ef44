// managecontact and the read-back resources: the ways peers lost properties must fail here too.
import { callMailjet } from '../../../emulators/mailjet/mailjet-rest-call.js';
import { startMailjetEmulator, type ContactListView, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator.js';

let emulator: MailjetEmulator;
let list: ContactListView;
beforeEach(async () => {
  emulator = await startMailjetEmulator();
  list = emulator.seedList({ Name: 'Customers' });
  emulator.seedProperty({ Name: 'plan', Datatype: 'str' });
  emulator.seedProperty({ Name: 'seats', Datatype: 'int' });
  emulator.seedProperty({ Name: 'score', Datatype: 'float' });
  emulator.seedProperty({ Name: 'vip', Datatype: 'bool' });
  emulator.seedProperty({ Name: 'signed_up', Datatype: 'datetime' });
});
afterEach(async () => {
  await emulator.stop();
});

const manage = (body: unknown) => callMailjet(emulator, 'POST', `contactslist/${list.ID}/managecontact`, body);

describe('actions', () => {
  it.each([
    // [action, subscription before (undefined = not in list), membership after]
    ['addforce', true, { IsUnsub: false }],
    ['addnoforce', undefined, { IsUnsub: false }],
    ['addnoforce', true, { IsUnsub: true }],
    ['remove', false, undefined],
    ['unsub', false, { IsUnsub: true }],
  ] as const)('%s on a contact with IsUnsub=%s leaves %o', async (action, unsubscribedBefore, after) => {
    if (unsubscribedBefore !== undefined) emulator.seedContact({ Email: 'ada@example.com', Lists: [{ ListID: list.ID, IsUnsub: unsubscribedBefore }] });
    const reply = await manage({ Email: 'ada@example.com', Action: action });
    expect(reply.status).toBe(201);
    const membership = emulator.contact('ada@example.com')?.Lists.find((row) => row.ListID === list.ID);
    expect(membership === undefined ? undefined : { IsUnsub: membership.IsUnsub }).toEqual(after);
  });

  it('refuses an unknown action', async () => {
    expect((await manage({ Email: 'ada@example.com', Action: 'upsert' })).status).toBe(400);
  });

  it('counts subscribers on the list', async () => {
    await manage({ Email: 'a@example.com', Action: 'addnoforce' });
    await manage({ Email: 'b@example.com', Action: 'unsub' });
    expect((await callMailjet(emulator, 'GET', `contactslist/${list.ID}`)).json.Data?.[0]?.SubscriberCount).toBe(1);
  });

  it('updates rather than duplicates a contact keyed by email', async () => {
    await manage({ Email: 'Ada@Example.com', Action: 'addnoforce', Properties: { plan: 'free' } });
    await manage({ Email: 'ada@example.com', Action: 'addnoforce', Properties: { plan: 'pro' } });
    expect(emulator.contacts).toHaveLength(1);
    expect(emulator.contacts[0]?.Properties).toEqual({ plan: 'pro' });
  });
});

describe('properties', () => {
  it('silently ignores Properties sent as a JSON string', async () => {
    const reply = await manage({ Email: 'ada@example.com', Action: 'addnoforce', Properties: JSON.stringify({ plan: 'pro' }) });
    expect(reply.status).toBe(201);
    expect(emulator.contact('ada@example.com')?.Properties).toEqual({});
  });

  it('refuses an undefined property with 400 naming it, and stores nothing', async () => {
    const reply = await manage({ Email: 'ada@example.com', Action: 'addnoforce', Properties: { plan: 'pro', favourite_colour: 'teal' } });
    expect(reply.status).toBe(400);
    expect(reply.json.ErrorMessage).toContain('Property not defined');
    expect(reply.json.ErrorInfo).toEqual({ favourite_colour: 'Property not defined' });
    expect(emulator.contact('ada@example.com')).toBeUndefined();
  });

  it.each([
    ['seats', 'twelve'],
    ['seats', 1.5],
    ['score', 'high'],
    ['vip', 'yes'],
    ['vip', 1],
    ['signed_up', 'last tuesday'],
    ['signed_up', 1700000000],
    ['plan', 42],
    ['plan', { tier: 'pro' }],
  ])('refuses %s = %j with 400 and ErrorInfo naming the property', async (name, value) => {
    const reply = await manage({ Email: 'ada@example.com', Action: 'addnoforce', Properties: { [name]: value } });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.json.ErrorInfo as object)).toEqual([name]);
  });

  it.each([
    ['plan', 'pro', 'pro'],
    ['seats', 12, '12'],
    ['seats', '12', '12'],
    ['seats', 0, '0'],
    ['score', 0.5, '0.5'],
    ['vip', false, 'false'],
    ['vip', 'true', 'true'],
    ['signed_up', '2024-03-01T10:00:00Z', '2024-03-01T10:00:00Z'],
  ])('stores %s = %j and reads it back as %j', async (name, value, stored) => {
    expect((await manage({ Email: 'ada@example.com', Action: 'addnoforce', Properties: { [name]: value } })).status).toBe(201);
    const contactId = emulator.contact('ada@example.com')?.ID;
    for (const ref of [String(contactId), 'ada@example.com']) {
      const data = await callMailjet(emulator, 'GET', `contactdata/${encodeURIComponent(ref)}`);
      expect(data.json.Data?.[0]).toEqual({ ContactID: contactId, ID: contactId, Data: [{ Name: name, Value: stored }] });
    }
  });

  it('refuses to set a historic property through managecontact', async () => {
    emulator.seedProperty({ Name: 'last_order', Datatype: 'str', NameSpace: 'historic' });
    expect((await manage({ Email: 'ada@example.com', Action: 'addnoforce', Properties: { last_order: 'x' } })).status).toBe(400);
  });
});

describe('read back', () => {
  it('finds a contact by email and by id, and 404s an unknown one', async () => {
    await manage({ Email: 'ada@example.com', Name: 'Ada Lovelace', Action: 'addnoforce' });
    const byEmail = await callMailjet(emulator, 'GET', 'contact/ada%40example.com');
    expect(byEmail.json.Data?.[0]).toMatchObject({ Email: 'ada@example.com', Name: 'Ada Lovelace', IsExcludedFromCampaigns: false });
    const byId = await callMailjet(emulator, 'GET', `contact/${String(byEmail.json.Data?.[0]?.ID)}`);
    expect(byId.json.Data?.[0]?.Email).toBe('ada@example.com');
    expect((await callMailjet(emulator, 'GET', 'contact/nobody@example.com')).status).toBe(404);
  });

  it('lists the lists a contact is in', async () => {
    await manage({ Email: 'ada@example.com', Action: 'unsub' });
    const reply = await callMailjet(emulator, 'GET', 'contact/ada@example.com/getcontactslists');
    expect(reply.json.Data).toEqual([expect.objectContaining({ ListID: list.ID, IsUnsub: true, IsActive: false })]);
  });
});
