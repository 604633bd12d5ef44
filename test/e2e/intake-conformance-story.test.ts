// What real senders post, seen the way the operator sees it: in real Chromium against the spawned
// `mjsc relay` and both emulators, Mailjet's own "send test" body and an event type outside the seven get
// 200 and show in Activity as rejected with their reasons, a gzipped analytics-python batch lands in
// Mailjet with `4.0` created as a float, and a Segment Webhooks `delete` is acknowledged and skipped.
import type { Page } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import type { MailjetEmulator } from '../../emulators/mailjet/mailjet-emulator';
import type { SegmentEmulator } from '../../emulators/segment/segment-emulator';
import { readFixtureText } from '../fixtures/fixture-text';
import type { ConsolePage } from './support/browser';
import { callControlApi, ensureFreshBuild, type HeadlessHost } from './support/headless-host';
import { openStoryStack, type StoryStack } from './support/story-stack';

const CONSOLE_TOKEN = 'e2e-intake-console-token-31c7a9';
const RELAY_KEY = 'e2e-intake-relay-key-not-secret';
const EVENTS_SECRET = 'e2e-intake-events-secret-not-secret';
const MAILJET = { apiKey: 'e2eIntakeMjApiKey7a1', secretKey: 'e2eIntakeMjSecret2b8' };
const SEGMENT_WRITE_KEY = 'e2e-intake-segment-write-key-9d3';
const WAIT = { timeout: 30_000, interval: 100 };

let mailjet: MailjetEmulator;
let segment: SegmentEmulator;
let host: HeadlessHost;
let ui: ConsolePage;
let page: Page;

let stack: StoryStack;
beforeAll(async () => {
  ensureFreshBuild();
  stack = await openStoryStack({
    mailjet: MAILJET,
    segmentWriteKey: SEGMENT_WRITE_KEY,
    consoleToken: CONSOLE_TOKEN,
    env: { MJSC_RELAY_KEY: RELAY_KEY, MJSC_EVENTS_SECRET: EVENTS_SECRET, MJSC_MAILJET_API_KEY: MAILJET.apiKey, MJSC_MAILJET_SECRET_KEY: MAILJET.secretKey, MJSC_SEGMENT_WRITE_KEY: SEGMENT_WRITE_KEY },
  });
  ({ mailjet, segment, host, ui, page } = stack);
  await callControlApi(host, CONSOLE_TOKEN, 'enableReceive', { createListName: 'Intake Story' });
  await callControlApi(host, CONSOLE_TOKEN, 'enableSend', {});
}, 180_000);

afterAll(() => stack?.stop(), 60_000);

const mailjetAuth = { authorization: `Basic ${Buffer.from(`mailjet:${EVENTS_SECRET}`).toString('base64')}`, 'content-type': 'application/json' };

it("1. Mailjet's send-test body and a foreign event type get 200, and Activity shows them rejected with why", async () => {
  for (const file of ['hull-mailjet-send-test.json', 'hull-mailjet-unknown-type.json']) {
    const response = await fetch(`${host.relayUrl}/mailjet/events`, { method: 'POST', headers: mailjetAuth, body: readFixtureText(`peers/${file}`) });
    expect(response.status).toBe(200);
  }
  await page.getByRole('link', { name: 'Activity' }).click();
  await page.getByRole('row').filter({ hasText: 'rejected' }).filter({ hasText: 'missing or invalid email' }).first().waitFor();
  await page.getByRole('row').filter({ hasText: 'rejected' }).filter({ hasText: 'unknown event type "foo"' }).first().waitFor();
  expect(segment.received).toHaveLength(0);
});

it('2. A gzipped analytics-python batch reaches Mailjet, its 4.0 created as a float property', async () => {
  const body = `{"batch": [{"type": "identify", "userId": "py-7", "messageId": "py-msg-7", "traits": {"email": "py@example.com", "rating": 4.0}}], "sentAt": "2026-12-01T20:00:00+00:00", "writeKey": "${RELAY_KEY}"}`;
  const response = await fetch(`${host.relayUrl}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'user-agent': 'analytics-python/2.3.3', authorization: `Basic ${Buffer.from(`${RELAY_KEY}:`).toString('base64')}` },
    body: gzipSync(Buffer.from(body)),
  });
  expect(response.status).toBe(200);
  await expect.poll(() => mailjet.contacts.some((contact) => contact.Email === 'py@example.com'), WAIT).toBe(true);
  expect(mailjet.properties.find((property) => property.Name === 'rating')).toMatchObject({ Datatype: 'float' });
  await page.getByRole('row').filter({ hasText: 'py@example.com' }).filter({ hasText: 'delivered' }).first().waitFor();
});

it('3. A Segment Webhooks delete is acknowledged and shown as skipped', async () => {
  const response = await fetch(`${host.relayUrl}/segment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${RELAY_KEY}` },
    body: JSON.stringify({ type: 'delete', userId: 'gone-1', messageId: 'del-1' }),
  });
  expect(response.status).toBe(200);
  await page.getByRole('row').filter({ hasText: 'skipped' }).filter({ hasText: 'only identify calls update Mailjet' }).first().waitFor();
  expect(ui.pageErrors).toEqual([]);
});
