// Fault injection, exercised through both emulators: statuses, Retry-After, delays, resets, bounded counts.
import { startMailjetEmulator, type MailjetEmulator } from '../../emulators/mailjet/mailjet-emulator.js';
import { callMailjet } from '../../emulators/mailjet/mailjet-rest-call.js';
import { startSegmentEmulator, type SegmentEmulator } from '../../emulators/segment/segment-emulator.js';

let mailjet: MailjetEmulator;
let segment: SegmentEmulator;
beforeEach(async () => {
  mailjet = await startMailjetEmulator();
  segment = await startSegmentEmulator({ writeKeys: ['wk'] });
});
afterEach(async () => {
  await mailjet.stop();
  await segment.stop();
});

const identify = () =>
  fetch(`${segment.url}/v1/identify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ writeKey: 'wk', userId: 'u1', messageId: 'm1' }) });

it('answers 429 with Retry-After for the next N matching requests, then normally', async () => {
  mailjet.inject('GET /v3/REST/contactslist', { status: 429, retryAfter: 7, count: 2 });
  const first = await callMailjet(mailjet, 'GET', 'contactslist');
  expect(first.status).toBe(429);
  expect(first.headers.get('retry-after')).toBe('7');
  expect(first.json).toMatchObject({ StatusCode: 429, ErrorMessage: 'Too many requests' });
  expect((await callMailjet(mailjet, 'GET', 'contactslist')).status).toBe(429);
  expect((await callMailjet(mailjet, 'GET', 'contactslist')).status).toBe(200);
  expect(mailjet.requests.map((request) => request.fault)).toEqual(['status 429 retry-after 7', 'status 429 retry-after 7', undefined]);
});

it('answers 429 without Retry-After when none is given', async () => {
  segment.inject('/v1/*', { status: 429 });
  const reply = await identify();
  expect(reply.status).toBe(429);
  expect(reply.headers.get('retry-after')).toBeNull();
  expect(segment.received).toEqual([]);
});

it('matches only the route named by a pattern, and method, with * as one segment', async () => {
  const list = mailjet.seedList({ Name: 'L' });
  mailjet.inject('POST /v3/REST/contactslist/*/managecontact', { status: 500 });
  expect((await callMailjet(mailjet, 'GET', `contactslist/${list.ID}`)).status).toBe(200);
  const managed = await callMailjet(mailjet, 'POST', `contactslist/${list.ID}/managecontact`, { Email: 'a@example.com', Action: 'addnoforce' });
  expect(managed.status).toBe(500);
  expect(mailjet.contacts).toEqual([]);
});

it('accepts a predicate on the recorded request', async () => {
  segment.inject((request) => request.body.includes('"m1"'), { status: 503 });
  expect((await identify()).status).toBe(503);
  expect((await identify()).status).toBe(200);
});

it('delays a request and then answers it normally', async () => {
  segment.inject('/v1/identify', { delayMs: 30 });
  expect((await identify()).status).toBe(200);
  expect(segment.requests[0]?.fault).toBe('delay 30ms');
  expect(segment.received).toHaveLength(1);
});

it('resets the connection without answering or recording the message', async () => {
  segment.inject('/v1/identify', { reset: true });
  await expect(identify()).rejects.toThrow();
  expect(segment.received).toEqual([]);
  expect((await identify()).status).toBe(200);
});

it('refuses an unbounded rule', () => {
  expect(() => segment.inject('/v1/batch', { status: 500, count: 0 })).toThrow(/positive integer/);
  expect(() => segment.inject('/v1/batch', { status: 500, count: Infinity })).toThrow(/positive integer/);
});

it('forgets rules on clearFaults', async () => {
  mailjet.inject('/v3/REST/**', { status: 500, count: 5 });
  mailjet.clearFaults();
  expect((await callMailjet(mailjet, 'GET', 'contactslist')).status).toBe(200);
});
