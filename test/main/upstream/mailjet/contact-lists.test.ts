// Contact lists against the Mailjet emulator: what the picker shows and which list receives contacts.
import { startMailjetEmulator, type MailjetEmulator } from '../../../../emulators/mailjet/mailjet-emulator';
import { ContactListError, findOrCreateList, listContactLists } from '../../../../main/upstream/mailjet/contact-lists';
import { createMailjetRest, type MailjetRest } from '../../../../main/upstream/mailjet/rest-core';

let emulator: MailjetEmulator;
let rest: MailjetRest;

beforeEach(async () => {
  emulator = await startMailjetEmulator();
  rest = createMailjetRest({ baseUrl: emulator.url, credentials: () => ({ apiKey: emulator.apiKey, secretKey: emulator.secretKey }) });
});

afterEach(async () => {
  await emulator.stop();
});

describe('listContactLists', () => {
  it('returns every live list past the first page, with subscriber counts', async () => {
    const seeded = Array.from({ length: 23 }, (_, i) => emulator.seedList({ Name: `List ${i + 1}` }));
    emulator.seedList({ Name: 'Gone', IsDeleted: true });
    emulator.seedContact({ Email: 'a@example.com', Lists: [{ ListID: seeded[4]?.ID ?? 0 }] });

    const lists = await listContactLists(rest);

    expect(lists).toHaveLength(23);
    expect(lists.map((list) => list.name)).not.toContain('Gone');
    expect(lists.find((list) => list.name === 'List 5')).toEqual({ id: seeded[4]?.ID, name: 'List 5', subscriberCount: 1 });
    expect(emulator.requests.every((request) => request.query.Limit === '1000')).toBe(true);
  });
});

describe('findOrCreateList', () => {
  it('reuses a list with exactly that name, even past the first page', async () => {
    for (let i = 0; i < 12; i += 1) emulator.seedList({ Name: `Other ${i}` });
    const existing = emulator.seedList({ Name: 'Segment Master List' });
    const list = await findOrCreateList(rest, 'Segment Master List');
    expect(list.id).toBe(existing.ID);
    expect(emulator.lists).toHaveLength(13);
  });

  it('creates the list when none has the name', async () => {
    emulator.seedList({ Name: 'segment master list' });
    const list = await findOrCreateList(rest, 'Segment Master List');
    expect(emulator.lists.find((row) => row.ID === list.id)?.Name).toBe('Segment Master List');
    expect(list.subscriberCount).toBe(0);
  });

  it('reuses the list another client created between the look-up and the POST', async () => {
    let raced = false;
    const racingFetch: typeof fetch = async (input, init) => {
      if (!raced && init?.method === 'POST') {
        raced = true;
        emulator.seedList({ Name: 'Segment Master List' });
      }
      return fetch(input, init);
    };
    const racingRest = createMailjetRest({ baseUrl: emulator.url, credentials: () => ({ apiKey: emulator.apiKey, secretKey: emulator.secretKey }), fetch: racingFetch });
    const list = await findOrCreateList(racingRest, 'Segment Master List');
    expect(raced).toBe(true);
    expect(emulator.lists.filter((row) => row.Name === 'Segment Master List')).toEqual([expect.objectContaining({ ID: list.id })]);
  });

  it('refuses an empty name with what to do next', async () => {
    await expect(findOrCreateList(rest, '  ')).rejects.toBeInstanceOf(ContactListError);
  });
});
