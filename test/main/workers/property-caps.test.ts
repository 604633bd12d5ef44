// The caps on new Mailjet properties: creations in bounded parallel batches against the emulator, a
// daily budget that survives a restart and resets at midnight UTC, and what the cap left out, by name.
import { createMailjetRest } from '../../../main/upstream/mailjet/rest-core';
import { createDailyPropertyBudget, DEFAULT_PROPERTY_CAPS, type PropertyCaps } from '../../../main/workers/property-caps';
import { createPropertyDefinitions } from '../../../main/workers/property-definitions';
import { startMailjetEmulator, type MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';

let mailjet: MailjetEmulator;
beforeEach(async () => {
  mailjet = await startMailjetEmulator();
});
afterEach(async () => {
  await mailjet.stop();
});

class MemoryStore {
  readonly values = new Map<string, unknown>();
  readonly durabilities: Array<string | undefined> = [];
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  set(key: string, value: unknown, durability?: string): void {
    this.values.set(key, structuredClone(value));
    this.durabilities.push(durability);
  }
  readonly later = { set: async (key: string, value: unknown, durability?: 'immediate' | 'deferred'): Promise<void> => this.set(key, value, durability) };
}

const wanted = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `trait_${i}`, datatype: 'str' as const }));

it('creates at most `concurrency` properties at a time, and all of them in the end', async () => {
  const rest = createMailjetRest({ baseUrl: mailjet.url, credentials: () => ({ apiKey: mailjet.apiKey, secretKey: mailjet.secretKey }) });
  let inFlight = 0;
  let most = 0;
  const counting: typeof rest = {
    ...rest,
    async request(method, resource, options) {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await rest.request(method, resource, options);
      } finally {
        inFlight -= 1;
      }
    },
  };
  const caps: PropertyCaps = { ...DEFAULT_PROPERTY_CAPS, concurrency: 3 };
  const refused = await createPropertyDefinitions(counting, { caps: () => caps }).create(wanted(20));
  expect(refused.size).toBe(0);
  expect(mailjet.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/contactmetadata'))).toHaveLength(20);
  expect(most).toBeGreaterThan(1);
  expect(most).toBeLessThanOrEqual(3);
});

it('stops at the daily cap, names what it left out, and raises the status problem', async () => {
  const rest = createMailjetRest({ baseUrl: mailjet.url, credentials: () => ({ apiKey: mailjet.apiKey, secretKey: mailjet.secretKey }) });
  const caps: PropertyCaps = { perCall: 50, perDay: 5, concurrency: 4 };
  const budget = createDailyPropertyBudget({ caps: () => caps, now: () => Date.parse('2026-12-01T10:00:00Z'), store: new MemoryStore() });
  const refused = await createPropertyDefinitions(rest, { caps: () => caps, budget }).create(wanted(8));
  expect(mailjet.properties.map((property) => property.Name).sort()).toEqual(['trait_0', 'trait_1', 'trait_2', 'trait_3', 'trait_4']);
  expect([...refused.keys()]).toEqual(['trait_5', 'trait_6', 'trait_7']);
  expect(refused.get('trait_5')).toMatch(/daily cap/);
  expect(budget.problem()).toMatchObject({ code: 'property_cap_reached' });
});

it('clears the status problem once the operator raises the daily cap', () => {
  let caps: PropertyCaps = { ...DEFAULT_PROPERTY_CAPS, perDay: 2 };
  const budget = createDailyPropertyBudget({ caps: () => caps, now: () => Date.parse('2026-12-01T10:00:00Z') });
  expect(budget.take(3)).toBe(2);
  expect(budget.problem()).toBeDefined();
  caps = { ...caps, perDay: 20 };
  expect(budget.problem()).toBeUndefined();
  expect(budget.take(3)).toBe(3);
});

it('keeps the day count across a restart and starts again at midnight UTC', () => {
  const store = new MemoryStore();
  let now = Date.parse('2026-12-01T23:00:00Z');
  const caps = () => ({ ...DEFAULT_PROPERTY_CAPS, perDay: 10 });
  expect(createDailyPropertyBudget({ caps, now: () => now, store }).take(7)).toBe(7);
  const afterRestart = createDailyPropertyBudget({ caps, now: () => now, store });
  expect(afterRestart.take(7)).toBe(3);
  expect(afterRestart.problem()).toBeDefined();
  now = Date.parse('2026-12-02T00:00:01Z');
  expect(afterRestart.problem()).toBeUndefined();
  expect(afterRestart.take(7)).toBe(7);
  // Counted without an fsync on the event loop in the middle of a contact job.
  expect(new Set(store.durabilities)).toEqual(new Set(['deferred']));
});
