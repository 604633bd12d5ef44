// Callback registration against the Mailjet emulator over real sockets: what Mailjet ends up holding.
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import { buildMailjetCallbackUrl, isOurCallbackUrl } from '../../../main/connector/connection-info';
import { CallbackRegistrationError, reconcileCallbacks, registerCallbacks, removeCallbacks } from '../../../main/connector/callback-registration';
import { createMailjetRest, type MailjetRest } from '../../../main/upstream/mailjet/rest-core';
import { EVENT_TYPES, type EventType } from '../../../shared/event-catalog';

const BASE = 'http://127.0.0.1:8787';
const OUR_URL = buildMailjetCallbackUrl(BASE, 'events-secret-one');
const isOurs = (url: string): boolean => isOurCallbackUrl(url, BASE);
const FOREIGN: Partial<Record<EventType, string>> = {
  open: 'https://crm:open-password@crm.example.com/mj/open',
  click: 'https://crm:click-password@crm.example.com/mj/click',
  bounce: 'https://hooks.example.com/bounces',
};
const FOREIGN_TYPES = Object.keys(FOREIGN) as EventType[];

let emulator: MailjetEmulator;
let rest: MailjetRest;

function primaries(): Record<string, { Url: string; Version: number; ID: number }> {
  return Object.fromEntries(emulator.callbacks.filter((row) => !row.IsBackup).map((row) => [row.EventType, { Url: row.Url, Version: row.Version, ID: row.ID }]));
}
const backups = () => emulator.callbacks.filter((row) => row.IsBackup);
const writes = () => emulator.requests.filter((request) => request.method !== 'GET');

beforeEach(async () => {
  emulator = await startMailjetEmulator();
  rest = createMailjetRest({ baseUrl: emulator.url, credentials: () => ({ apiKey: emulator.apiKey, secretKey: emulator.secretKey }) });
  // 7 backup rows + 3 foreign primaries + 1 stale row of ours = 11 rows: more than the default page of 10.
  for (const type of EVENT_TYPES) emulator.seedCallback({ EventType: type, Url: `https://backup.example.com/${type}`, IsBackup: true });
  emulator.seedCallback({ EventType: 'open', Url: FOREIGN.open ?? '', Version: 1 });
  emulator.seedCallback({ EventType: 'click', Url: FOREIGN.click ?? '', Version: 2 });
  emulator.seedCallback({ EventType: 'bounce', Url: FOREIGN.bounce ?? '', Version: 1 });
  emulator.seedCallback({ EventType: 'sent', Url: buildMailjetCallbackUrl(BASE, 'stale-secret'), Version: 1 });
  emulator.clearRequests();
});

afterEach(async () => {
  await emulator.stop();
});

describe('registerCallbacks against the Mailjet emulator', () => {
  it('"ask" lists every page, reports the 3 foreign rows masked, and writes nothing', async () => {
    const before = emulator.callbacks;
    const result = await registerCallbacks(rest, { ourUrl: OUR_URL, isOurs, selected: EVENT_TYPES, onConflict: 'ask', replacedBefore: {} });
    expect(result.state).toBe('conflict');
    expect(result.conflicts).toEqual([
      { eventType: 'open', url: 'https://crm:••••@crm.example.com/mj/open' },
      { eventType: 'click', url: 'https://crm:••••@crm.example.com/mj/click' },
      { eventType: 'bounce', url: 'https://hooks.example.com/bounces' },
    ]);
    expect(JSON.stringify(result)).not.toContain('password');
    expect(emulator.requests.some((request) => request.query.Limit === '1000')).toBe(true);
    expect(writes()).toEqual([]);
    expect(emulator.callbacks).toEqual(before);
  });

  it('"keep" leaves the foreign endpoints and does not activate sending', async () => {
    const before = emulator.callbacks;
    const result = await registerCallbacks(rest, { ourUrl: OUR_URL, isOurs, selected: EVENT_TYPES, onConflict: 'keep', replacedBefore: {} });
    expect(result.state).toBe('kept');
    expect(result.conflicts).toHaveLength(3);
    expect(emulator.callbacks).toEqual(before);
  });

  it('"replace" points every type at us with Version 2, remembers the 3 old URLs, and disable restores them', async () => {
    const result = await registerCallbacks(rest, { ourUrl: OUR_URL, isOurs, selected: EVENT_TYPES, onConflict: 'replace', replacedBefore: {} });
    expect(result).toEqual({
      state: 'enabled',
      replaced: {
        open: { url: FOREIGN.open, version: 1 },
        click: { url: FOREIGN.click, version: 2 },
        bounce: { url: FOREIGN.bounce, version: 1 },
      },
    });
    for (const type of EVENT_TYPES) expect(primaries()[type]).toMatchObject({ Url: OUR_URL, Version: 2 });
    expect(backups()).toHaveLength(7);

    const removal = await removeCallbacks(rest, { isOurs, replacedBefore: result.replaced });
    expect(removal.replaced).toEqual({});
    expect(removal.restored.sort()).toEqual([...FOREIGN_TYPES].sort());
    expect(removal.removed.sort()).toEqual(EVENT_TYPES.filter((type) => !FOREIGN_TYPES.includes(type)).sort());
    const after = primaries();
    expect(Object.keys(after).sort()).toEqual([...FOREIGN_TYPES].sort());
    expect(after.open).toMatchObject({ Url: FOREIGN.open, Version: 1 });
    expect(after.click).toMatchObject({ Url: FOREIGN.click, Version: 2 });
    expect(after.bounce).toMatchObject({ Url: FOREIGN.bounce, Version: 1 });
    expect(backups().map((row) => row.Url).sort()).toEqual(EVENT_TYPES.map((type) => `https://backup.example.com/${type}`).sort());
  });

  it('disable with restorePrevious false removes our rows and forgets the old URLs', async () => {
    const { replaced } = await registerCallbacks(rest, { ourUrl: OUR_URL, isOurs, selected: EVENT_TYPES, onConflict: 'replace', replacedBefore: {} });
    const removal = await removeCallbacks(rest, { isOurs, replacedBefore: replaced, restorePrevious: false });
    expect(removal).toMatchObject({ restored: [], replaced: {} });
    expect(primaries()).toEqual({});
  });

  it('adopts our stale row (new secret, Version 2) instead of POSTing a second one', async () => {
    const staleId = primaries().sent?.ID;
    const result = await registerCallbacks(rest, { ourUrl: OUR_URL, isOurs, selected: ['sent', 'spam'], onConflict: 'ask', replacedBefore: {} });
    expect(result.state).toBe('enabled');
    expect(primaries().sent).toEqual({ ID: staleId, Url: OUR_URL, Version: 2 });
    expect(primaries().spam).toMatchObject({ Url: OUR_URL, Version: 2 });
  });

  it('re-creates our rows Mailjet suspended, live, and takes over a dead foreign row without losing its URL', async () => {
    emulator.seedCallback({ EventType: 'spam', Url: OUR_URL, Version: 2, Status: 'dead' });
    emulator.seedCallback({ EventType: 'unsub', Url: 'https://crm:unsub-password@crm.example.com/mj/unsub', Version: 1, Status: 'dead' });
    const result = await registerCallbacks(rest, { ourUrl: OUR_URL, isOurs, selected: ['sent', 'spam', 'unsub'], onConflict: 'replace', replacedBefore: {} });
    expect(result).toEqual({ state: 'enabled', replaced: { unsub: { url: 'https://crm:unsub-password@crm.example.com/mj/unsub', version: 1 } } });
    for (const type of ['sent', 'spam', 'unsub']) {
      expect(emulator.callbacks.filter((row) => row.EventType === type && !row.IsBackup)).toEqual([expect.objectContaining({ Url: OUR_URL, Version: 2, Status: 'alive' })]);
    }
    expect(backups()).toHaveLength(7);
  });

  it('a rotated events secret changes the URL of our rows in place', async () => {
    await registerCallbacks(rest, { ourUrl: OUR_URL, isOurs, selected: ['sent', 'spam', 'unsub'], onConflict: 'ask', replacedBefore: {} });
    const ids = primaries();
    const rotated = buildMailjetCallbackUrl(BASE, 'events-secret-two');
    const result = await reconcileCallbacks(rest, { ourUrl: rotated, isOurs, selected: ['sent', 'spam', 'unsub'], replacedBefore: {} });
    expect(result.state).toBe('enabled');
    for (const type of ['sent', 'spam', 'unsub'] as const) expect(primaries()[type]).toEqual({ ID: ids[type]?.ID, Url: rotated, Version: 2 });
    expect(emulator.callbacks.some((row) => row.Url.includes('events-secret-one'))).toBe(false);
  });

  it('a narrower selection deletes our deselected rows and restores the one we had replaced', async () => {
    const { replaced } = await registerCallbacks(rest, { ourUrl: OUR_URL, isOurs, selected: EVENT_TYPES, onConflict: 'replace', replacedBefore: {} });
    const result = await reconcileCallbacks(rest, { ourUrl: OUR_URL, isOurs, selected: ['sent', 'click'], replacedBefore: replaced });
    expect(result.replaced).toEqual({ click: { url: FOREIGN.click, version: 2 } });
    const after = primaries();
    expect(after.sent?.Url).toBe(OUR_URL);
    expect(after.click?.Url).toBe(OUR_URL);
    expect(after.open).toMatchObject({ Url: FOREIGN.open, Version: 1 });
    expect(after.bounce).toMatchObject({ Url: FOREIGN.bounce, Version: 1 });
    expect(Object.keys(after).sort()).toEqual(['bounce', 'click', 'open', 'sent']);
  });

  it('a row that appears between listing and POST (MJ18) is re-listed and reported, not a failure', async () => {
    let raced = false;
    const racingFetch: typeof fetch = async (input, init) => {
      if (!raced && init?.method === 'POST' && String(input).includes('/eventcallbackurl')) {
        raced = true;
        const { EventType } = JSON.parse(String(init.body)) as { EventType: EventType };
        emulator.seedCallback({ EventType, Url: 'https://late.example.com/hook' });
      }
      return fetch(input, init);
    };
    const racingRest = createMailjetRest({ baseUrl: emulator.url, credentials: () => ({ apiKey: emulator.apiKey, secretKey: emulator.secretKey }), fetch: racingFetch });
    const result = await registerCallbacks(racingRest, { ourUrl: OUR_URL, isOurs, selected: ['spam'], onConflict: 'ask', replacedBefore: {} });
    expect(raced).toBe(true);
    expect(result).toEqual({ state: 'conflict', conflicts: [{ eventType: 'spam', url: 'https://late.example.com/hook' }], replaced: {} });
  });

  it('a row of ours that appears meanwhile is adopted', async () => {
    let raced = false;
    const racingFetch: typeof fetch = async (input, init) => {
      if (!raced && init?.method === 'POST' && String(input).includes('/eventcallbackurl')) {
        raced = true;
        emulator.seedCallback({ EventType: 'spam', Url: OUR_URL, Version: 2 });
      }
      return fetch(input, init);
    };
    const racingRest = createMailjetRest({ baseUrl: emulator.url, credentials: () => ({ apiKey: emulator.apiKey, secretKey: emulator.secretKey }), fetch: racingFetch });
    const result = await registerCallbacks(racingRest, { ourUrl: OUR_URL, isOurs, selected: ['spam'], onConflict: 'ask', replacedBefore: {} });
    expect(result.state).toBe('enabled');
    expect(emulator.callbacks.filter((row) => row.EventType === 'spam' && !row.IsBackup)).toHaveLength(1);
  });

  it('fails clearly when Mailjet does not keep Version 2', async () => {
    const fakeRest: MailjetRest = {
      listAll: async <T,>() => [] as T[],
      request: async <T,>(method: string) =>
        (method === 'POST' ? { Data: [{ ID: 5 }] } : { Data: [{ ID: 5, EventType: 'sent', Url: OUR_URL, IsBackup: false, Version: 1 }] }) as T,
    };
    const failure = registerCallbacks(fakeRest, { ourUrl: OUR_URL, isOurs, selected: ['sent'], onConflict: 'ask', replacedBefore: {} });
    await expect(failure).rejects.toBeInstanceOf(CallbackRegistrationError);
    await expect(failure).rejects.toMatchObject({ code: 'callback_not_confirmed' });
  });

  it('a rotation while a new type conflicts still moves our rows to the new secret and reports the conflict', async () => {
    await registerCallbacks(rest, { ourUrl: OUR_URL, isOurs, selected: ['sent', 'spam'], onConflict: 'ask', replacedBefore: {} });
    const rotated = buildMailjetCallbackUrl(BASE, 'events-secret-two');
    const result = await reconcileCallbacks(rest, { ourUrl: rotated, isOurs, selected: ['sent', 'spam', 'open'], replacedBefore: {} });
    expect(result).toEqual({ state: 'conflict', conflicts: [{ eventType: 'open', url: 'https://crm:••••@crm.example.com/mj/open' }], replaced: {} });
    expect(primaries().sent?.Url).toBe(rotated);
    expect(primaries().spam?.Url).toBe(rotated);
    expect(primaries().open?.Url).toBe(FOREIGN.open);
  });
});
