// campaign, newsletter and message lookups and the FromTS-filtered campaign list, with message ids above 2^53 kept exact.
import { callMailjet } from '../../../emulators/mailjet/mailjet-rest-call.js';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator.js';

let emulator: MailjetEmulator;
beforeEach(async () => {
  emulator = await startMailjetEmulator({ seedFixtures: true });
});
afterEach(async () => {
  await emulator.stop();
});

it('writes a message ID above 2^53 as raw exact digits', async () => {
  emulator.seedMessage({ ID: 288230376151711745n, CampaignID: 7272, ContactID: 9, Subject: 'Hi' });
  const reply = await callMailjet(emulator, 'GET', 'message/288230376151711745');
  expect(reply.status).toBe(200);
  expect(reply.text).toContain('"ID":288230376151711745,');
  // A plain JSON.parse rounds it: the reason consumers must parse losslessly.
  expect(String(reply.json.Data?.[0]?.ID)).not.toBe('288230376151711745');
});

it('fills a message Subject only with ShowSubject=true', async () => {
  const plain = await callMailjet(emulator, 'GET', 'message/19421777836302490');
  expect(plain.json.Data?.[0]).toMatchObject({ CampaignID: 7272, ContactID: 4, Subject: '' });
  const shown = await callMailjet(emulator, 'GET', 'message/19421777836302490?ShowSubject=true');
  expect(shown.json.Data?.[0]?.Subject).toBe('Your order has shipped');
});

it('serves campaigns and newsletters from the fixtures', async () => {
  const campaign = await callMailjet(emulator, 'GET', 'campaign/7257');
  expect(campaign.json.Data?.[0]).toMatchObject({ ID: 7257, NewsLetterID: 4501, Subject: 'Our spring sale starts today' });
  expect(campaign.json.Data?.[0]).not.toHaveProperty('Name');
  const newsletter = await callMailjet(emulator, 'GET', 'newsletter/4501');
  expect(newsletter.json.Data?.[0]).toMatchObject({ Title: 'Spring sale draft' });
});

it.each(['campaign/1', 'newsletter/1', 'message/1', 'message/not-a-number'])('404s %s', async (path) => {
  const reply = await callMailjet(emulator, 'GET', path);
  expect(reply.status).toBe(404);
  expect(reply.json).toEqual({ ErrorInfo: '', ErrorMessage: 'Object not found', StatusCode: 404 });
});

describe('GET campaign (the list)', () => {
  const seedRecent = () => {
    emulator.seedCampaign({ ID: 8001, Subject: 'Older', CustomValue: '', NewsLetterID: 0, CampaignType: 1, FromEmail: 'a@example.com', CreatedAt: '2026-11-20T09:00:00Z' });
    emulator.seedCampaign({ ID: 8002, Subject: 'Newer', CustomValue: 'welcome', NewsLetterID: 0, CampaignType: 1, FromEmail: 'a@example.com', CreatedAt: '2026-11-27T09:00:00Z' });
  };

  it('answers Count, Data and Total, with the campaigns created at or after FromTS (Unix seconds or RFC 3339)', async () => {
    seedRecent();
    const fromTs = Date.parse('2026-11-25T00:00:00Z') / 1000;
    const unix = await callMailjet(emulator, 'GET', `campaign?FromTS=${fromTs}&Limit=1000`);
    expect(unix.status).toBe(200);
    expect(unix.json).toMatchObject({ Count: 1, Total: 1, Data: [{ ID: 8002, Subject: 'Newer', CustomValue: 'welcome' }] });
    const rfc = await callMailjet(emulator, 'GET', 'campaign?FromTS=2026-11-19T00:00:00Z&ToTS=2026-11-21T00:00:00Z');
    expect(rfc.json.Data?.map((row) => row.ID)).toEqual([8001]);
  });

  it('pages like every Mailjet list: 10 rows unless Limit says more, Total counting them all', async () => {
    for (let id = 9000; id < 9015; id += 1) emulator.seedCampaign({ ID: id, Subject: `S${id}`, CustomValue: '', NewsLetterID: 0, CampaignType: 1, FromEmail: 'a@example.com', CreatedAt: '2026-11-27T09:00:00Z' });
    const first = await callMailjet(emulator, 'GET', 'campaign?FromTS=1764000000');
    expect(first.json).toMatchObject({ Count: 10, Total: 15 });
    const all = await callMailjet(emulator, 'GET', 'campaign?FromTS=1764000000&Limit=1000');
    expect(all.json).toMatchObject({ Count: 15, Total: 15 });
  });

  it('refuses a FromTS that is no timestamp with a 400 naming the filter', async () => {
    const reply = await callMailjet(emulator, 'GET', 'campaign?FromTS=yesterday');
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ StatusCode: 400, ErrorInfo: { FromTS: expect.any(String) } });
  });
});
