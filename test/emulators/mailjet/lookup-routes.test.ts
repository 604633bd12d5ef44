// campaign, newsletter and message lookups, with message ids above 2^53 kept exact on the wire.
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
