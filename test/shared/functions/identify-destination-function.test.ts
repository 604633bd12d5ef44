// The bundled destination function, run as Segment runs it, against the Mailjet emulator on 127.0.0.1:
// what the contact list holds afterwards, and which error class tells Segment to retry or drop.
import { createServer } from 'node:net';
import { readFixtureText } from '../../fixtures/fixture-text';
import { startMailjetEmulator, type ContactListView, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { EventNotSupported, RetryError, ValidationError, buildBundles, expectSelfContainedScript, loadFunction, type BuiltBundles, type Handler } from './function-sandbox';

let built: BuiltBundles;
let code: string;
let mailjet: MailjetEmulator;
let list: ContactListView;
let onIdentify: Handler;

beforeAll(async () => {
  built = await buildBundles();
  code = built.text('identify-destination-function');
  mailjet = await startMailjetEmulator();
});
afterAll(async () => {
  built.remove();
  await mailjet.stop();
});
beforeEach(() => {
  list = mailjet.seedList({ Name: `Segment list ${Math.random().toString(36).slice(2)}` });
  mailjet.clearFaults();
  mailjet.clearRequests();
  onIdentify = loadFunction(code, 'onIdentify').handler;
});

function settings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { mailjetApiKey: mailjet.apiKey, mailjetSecretKey: mailjet.secretKey, listId: String(list.ID), apiBaseUrl: mailjet.url, ...overrides };
}

function identify(traits: Record<string, unknown>): Record<string, unknown> {
  return { type: 'identify', userId: 'u-1', messageId: 'm-1', traits };
}

/** A loopback port nothing listens on: the connection is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('identify destination function bundle', () => {
  it('is one self-contained script under 300 KB: no require, no import, no Node globals', () => {
    expectSelfContainedScript(code, 'onIdentify');
  });

  it('upserts the contact into the list with its traits as properties, creating the missing ones', async () => {
    mailjet.seedProperty({ Name: 'plan', Datatype: 'str' });
    const outcome = await onIdentify(identify({ email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro', logins: 42, vip: true, tags: ['a'] }), settings());

    const contact = mailjet.contact('ada@example.com');
    expect(contact).toMatchObject({ Name: 'Ada Lovelace', Properties: { plan: 'pro', logins: '42', vip: 'true' } });
    expect(contact?.Lists).toEqual([expect.objectContaining({ ListID: list.ID, IsUnsub: false })]);
    expect(contact?.IsExcludedFromCampaigns).toBe(false);
    expect(mailjet.properties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Name: 'logins', Datatype: 'int', NameSpace: 'static' }),
        expect.objectContaining({ Name: 'vip', Datatype: 'bool', NameSpace: 'static' }),
      ]),
    );
    // `name` is a scalar trait like any other (docs/architecture.md#identify-to-contact), so it is a property too.
    expect(outcome).toMatchObject({ email: 'ada@example.com', createdProperties: ['name', 'logins', 'vip'], dropped: [{ path: 'tags' }] });
    // The property list, the missing definitions, one upsert: small enough for the 5 s budget.
    expect(mailjet.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v3/REST/contactmetadata',
      ...Array.from({ length: 3 }, () => 'POST /v3/REST/contactmetadata'),
      `POST /v3/REST/contactslist/${list.ID}/managecontact`,
    ]);
    expect(mailjet.requests[0]?.query).toMatchObject({ Limit: '1000', Offset: '0' });
    expect(JSON.parse(mailjet.requests[4]?.body ?? '{}')).toMatchObject({ Action: 'addnoforce' });
  });

  it('maps the guide example as the relay does (documented flattening drops the nested address)', async () => {
    const message = JSON.parse(readFixtureText('identify/sherlock-holmes.json')) as Record<string, unknown>;
    await onIdentify(message, settings());
    expect(mailjet.contact('sherlock@example.com')).toMatchObject({
      Name: 'Sherlock Holmes',
      Properties: { first_name: 'Sherlock', last_name: 'Holmes', location_latitude: '51.52376', location_longitude: '-0.158459' },
    });
    expect(mailjet.contact('sherlock@example.com')?.Properties).not.toHaveProperty('address_city');

    await onIdentify({ ...message, traits: { ...(message.traits as object), email: 'mycroft@example.com' } }, settings({ flattenMode: 'deep' }));
    expect(mailjet.contact('mycroft@example.com')?.Properties).toMatchObject({ address_city: 'London', address_street_name: 'Baker Street' });
  });

  it('reads every page of contactmetadata, so an existing property past the first 1000 keeps its type', async () => {
    for (let index = 0; index < 1000; index += 1) mailjet.seedProperty({ Name: `filler_${index}`, Datatype: 'str' });
    mailjet.seedProperty({ Name: 'score', Datatype: 'float' });
    mailjet.clearRequests();
    await onIdentify(identify({ email: 'page@example.com', score: 3 }), settings());
    expect(mailjet.contact('page@example.com')?.Properties).toMatchObject({ score: '3' });
    expect(mailjet.requests.filter((request) => request.path === '/v3/REST/contactmetadata' && request.method === 'GET').map((r) => r.query.Offset)).toEqual(['0', '1000']);
    expect(mailjet.requests.some((request) => request.method === 'POST' && request.path === '/v3/REST/contactmetadata')).toBe(false);
  });

  it('treats a property another invocation created a moment ago ("already exists") as created', async () => {
    let raced = false;
    // Never faults: it only creates the property just before the function's own POST is answered.
    mailjet.inject((request) => {
      if (!raced && request.method === 'POST' && request.path === '/v3/REST/contactmetadata') {
        raced = true;
        mailjet.seedProperty({ Name: 'seats', Datatype: 'int' });
      }
      return false;
    }, { status: 500 });
    await onIdentify(identify({ email: 'race@example.com', seats: 5 }), settings());
    expect(raced).toBe(true);
    expect(mailjet.contact('race@example.com')?.Properties).toMatchObject({ seats: '5' });
  });

  it.each([
    ['a 500', { status: 500 }],
    ['a 429', { status: 429, retryAfter: 1 }],
  ])('throws RetryError when Mailjet answers %s, so Segment retries', async (_label, fault) => {
    mailjet.inject(`POST /v3/REST/contactslist/*/managecontact`, fault);
    await expect(onIdentify(identify({ email: 'retry@example.com' }), settings())).rejects.toBeInstanceOf(RetryError);
    expect(mailjet.contact('retry@example.com')).toBeUndefined();
  });

  it('throws RetryError when Mailjet cannot be reached', async () => {
    const failure = onIdentify(identify({ email: 'net@example.com' }), settings({ apiBaseUrl: `http://127.0.0.1:${await closedPort()}` }));
    await expect(failure).rejects.toBeInstanceOf(RetryError);
    await expect(failure).rejects.toThrow(/Could not reach Mailjet/);
  });

  it('throws ValidationError naming the settings when Mailjet refuses the keys, never quoting the secret', async () => {
    const secret = 'not-the-right-secret-key';
    const failure = onIdentify(identify({ email: 'keys@example.com' }), settings({ mailjetSecretKey: secret }));
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toThrow(/refused the API keys \(401\).*mailjetApiKey and mailjetSecretKey/);
    await failure.catch((error: Error) => expect(error.message).not.toContain(secret));
  });

  it('throws ValidationError saying the list was deleted when managecontact answers 404', async () => {
    const deleted = mailjet.seedList({ Name: `Deleted ${list.ID}`, IsDeleted: true });
    const failure = onIdentify(identify({ email: 'gone@example.com' }), settings({ listId: deleted.ID }));
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toThrow(new RegExp(`no contact list ${deleted.ID} \\(was it deleted\\?\\).*listId`));
  });

  it('throws ValidationError with Mailjet\'s message for another 4xx', async () => {
    mailjet.inject('POST /v3/REST/contactslist/*/managecontact', { status: 400 });
    await expect(onIdentify(identify({ email: 'bad@example.com' }), settings())).rejects.toThrow(/Mailjet answered 400 when asked to add the contact/);
  });

  it('skips an identify without a valid email with ValidationError, and other calls with EventNotSupported', async () => {
    await expect(onIdentify(identify({ name: 'No Email' }), settings())).rejects.toThrow(/no email in traits.email/);
    await expect(onIdentify(identify({ email: 'not-an-email' }), settings())).rejects.toBeInstanceOf(ValidationError);
    await expect(onIdentify({ type: 'track', event: 'x', userId: 'u' }, settings())).rejects.toBeInstanceOf(EventNotSupported);
    expect(mailjet.requests.filter((request) => request.path.endsWith('/managecontact'))).toEqual([]);
  });

  it.each([
    [{ listId: '' }, /"listId" setting must be the numeric ID/],
    [{ mailjetApiKey: '' }, /"mailjetApiKey" setting is empty/],
    [{ flattenMode: 'flat' }, /"flattenMode" setting must be one of documented, deep/],
    [{ apiBaseUrl: 'ftp://x' }, /"apiBaseUrl" setting must be an http\(s\) URL/],
  ])('rejects unusable settings %j with ValidationError before calling Mailjet', async (overrides, message) => {
    const failure = onIdentify(identify({ email: 'set@example.com' }), settings(overrides));
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toThrow(message);
    expect(mailjet.requests).toEqual([]);
  });
});
