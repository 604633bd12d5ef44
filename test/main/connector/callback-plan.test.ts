import { describeReplacedCallbacks, planCallbackChanges, type CallbackPlanInput, type CallbackRecord } from '../../../main/connector/callback-plan';
import { buildMailjetCallbackUrl, isOurCallbackUrl } from '../../../main/connector/connection-info';

const BASE = 'http://127.0.0.1:8787';
const OUR_URL = buildMailjetCallbackUrl(BASE, 'new-secret');
const OLD_OURS = buildMailjetCallbackUrl(BASE, 'old-secret');
const FOREIGN = 'https://crm:their-password@crm.example.com/hooks/mailjet';

let nextId = 1;
const row = (EventType: string, Url: string, extra: Partial<CallbackRecord> = {}): CallbackRecord => ({
  ID: nextId++,
  EventType,
  Url,
  IsBackup: false,
  Status: 'alive',
  Version: 2,
  ...extra,
});

function plan(overrides: Partial<CallbackPlanInput>) {
  return planCallbackChanges({
    existing: [],
    selected: [],
    ourUrl: OUR_URL,
    isOurs: (url) => isOurCallbackUrl(url, BASE),
    onConflict: 'ask',
    replacedBefore: {},
    ...overrides,
  });
}

describe('planCallbackChanges', () => {
  it('POSTs every selected type that has no primary row, with Version 2', () => {
    const result = plan({ selected: ['sent', 'open'], existing: [row('sent', FOREIGN, { IsBackup: true })] });
    expect(result.state).toBe('enabled');
    expect(result.actions).toEqual([
      { kind: 'post', eventType: 'sent', url: OUR_URL, version: 2 },
      { kind: 'post', eventType: 'open', url: OUR_URL, version: 2 },
    ]);
  });

  it.each([
    ['the same URL and Version 2', OUR_URL, 2, 'adopt'],
    ['an older events secret', OLD_OURS, 2, 'put'],
    ['Version 1', OUR_URL, 1, 'put'],
  ] as const)('adopts our own row with %s (%s)', (_case, url, version, kind) => {
    const existing = [row('click', url, { Version: version })];
    const result = plan({ selected: ['click'], existing });
    expect(result.actions).toEqual([expect.objectContaining({ kind, eventType: 'click', id: existing[0]?.ID })]);
  });

  it('"ask" reports foreign rows with their passwords masked and changes nothing', () => {
    const result = plan({ selected: ['sent', 'open'], existing: [row('open', FOREIGN)] });
    expect(result).toEqual({
      state: 'conflict',
      actions: [],
      conflicts: [{ eventType: 'open', url: 'https://crm:••••@crm.example.com/hooks/mailjet' }],
      replaced: {},
    });
  });

  it('"keep" leaves everything as it is and does not activate sending', () => {
    const result = plan({ selected: ['sent', 'open'], existing: [row('open', FOREIGN)], onConflict: 'keep' });
    expect(result.state).toBe('kept');
    expect(result.actions).toEqual([]);
    expect(result.conflicts).toHaveLength(1);
  });

  it('"replace" PUTs our URL over the foreign row and remembers the old URL and Version', () => {
    const existing = [row('open', FOREIGN, { Version: 1 })];
    const result = plan({ selected: ['open'], existing, onConflict: 'replace' });
    expect(result.state).toBe('enabled');
    expect(result.actions).toEqual([
      { kind: 'put', id: existing[0]?.ID, eventType: 'open', url: OUR_URL, version: 2, remember: { url: FOREIGN, version: 1 } },
    ]);
    expect(result.replaced).toEqual({ open: { url: FOREIGN, version: 1 } });
  });

  it('deletes our rows of deselected types and never touches foreign or backup rows', () => {
    const existing = [row('spam', OLD_OURS), row('bounce', FOREIGN), row('unsub', OLD_OURS, { IsBackup: true })];
    const result = plan({ selected: [], existing });
    expect(result.actions).toEqual([{ kind: 'delete', id: existing[0]?.ID, eventType: 'spam' }]);
  });

  it('restores a replaced URL instead of deleting when its type is deselected', () => {
    const existing = [row('open', OUR_URL)];
    const result = plan({ selected: [], existing, replacedBefore: { open: { url: FOREIGN, version: 1 } } });
    expect(result.actions).toEqual([{ kind: 'put', id: existing[0]?.ID, eventType: 'open', url: FOREIGN, version: 1, forget: true }]);
    expect(result.replaced).toEqual({});
  });

  it('POSTs a replaced URL back when our row is already gone', () => {
    const result = plan({ selected: [], replacedBefore: { open: { url: FOREIGN, version: 1 } } });
    expect(result.actions).toEqual([{ kind: 'post', eventType: 'open', url: FOREIGN, version: 1, forget: true }]);
  });

  it('deletes without restoring when restorePrevious is false', () => {
    const existing = [row('open', OUR_URL)];
    const result = plan({ selected: [], existing, restorePrevious: false, replacedBefore: { open: { url: FOREIGN, version: 1 } } });
    expect(result.actions).toEqual([{ kind: 'delete', id: existing[0]?.ID, eventType: 'open', forget: true }]);
    expect(result.replaced).toEqual({});
  });

  it('forgets a replaced URL when someone else has since taken the slot', () => {
    const result = plan({ selected: [], existing: [row('open', 'https://other.example.com/x')], replacedBefore: { open: { url: FOREIGN, version: 1 } } });
    expect(result.actions).toEqual([{ kind: 'forget', eventType: 'open', forget: true }]);
    expect(result.replaced).toEqual({});
  });

  it('keeps remembering a replaced URL while its type stays selected', () => {
    const existing = [row('open', OUR_URL)];
    const result = plan({ selected: ['open'], existing, replacedBefore: { open: { url: FOREIGN, version: 1 } } });
    expect(result.actions).toEqual([{ kind: 'adopt', id: existing[0]?.ID, eventType: 'open' }]);
    expect(result.replaced).toEqual({ open: { url: FOREIGN, version: 1 } });
  });

  it('describes remembered URLs for display with their passwords masked', () => {
    expect(describeReplacedCallbacks({ click: { url: FOREIGN, version: 2 }, open: { url: 'https://x.example.com/h', version: 1 } })).toEqual([
      { eventType: 'open', url: 'https://x.example.com/h' },
      { eventType: 'click', url: 'https://crm:••••@crm.example.com/hooks/mailjet' },
    ]);
  });
});

describe('planCallbackChanges with rows Mailjet suspended (Status "dead")', () => {
  it.each([
    ['current URL', OUR_URL],
    ['stale secret', OLD_OURS],
  ])('re-creates our dead row (%s) instead of adopting or PUTting it', (_label, url) => {
    const existing = [row('sent', url, { Status: 'dead' })];
    const result = plan({ selected: ['sent'], existing });
    expect(result.state).toBe('enabled');
    expect(result.actions).toEqual([
      { kind: 'delete', id: existing[0]?.ID, eventType: 'sent' },
      { kind: 'post', eventType: 'sent', url: OUR_URL, version: 2 },
    ]);
  });

  it('takes a dead foreign row over with a PUT first (remembered), and only then re-creates it as ours', () => {
    const existing = [row('open', FOREIGN, { Status: 'dead', Version: 1 })];
    const result = plan({ selected: ['open'], existing, onConflict: 'replace' });
    expect(result.actions).toEqual([
      { kind: 'put', id: existing[0]?.ID, eventType: 'open', url: OUR_URL, version: 2, remember: { url: FOREIGN, version: 1 } },
      { kind: 'delete', id: existing[0]?.ID, eventType: 'open' },
      { kind: 'post', eventType: 'open', url: OUR_URL, version: 2 },
    ]);
    expect(result.replaced).toEqual({ open: { url: FOREIGN, version: 1 } });
  });

  it('never deletes a dead foreign row it was not told to replace', () => {
    const existing = [row('open', FOREIGN, { Status: 'dead' })];
    expect(plan({ selected: ['open'], existing, onConflict: 'ask' }).actions).toEqual([]);
    expect(plan({ selected: ['open'], existing, onConflict: 'keep', partial: true }).actions).toEqual([]);
    expect(plan({ selected: [], existing, replacedBefore: { open: { url: FOREIGN, version: 1 } } }).actions).toEqual([{ kind: 'forget', eventType: 'open', forget: true }]);
  });

  it('restores a replaced URL onto a fresh row when our row is dead', () => {
    const existing = [row('open', OUR_URL, { Status: 'dead' })];
    const result = plan({ selected: [], existing, replacedBefore: { open: { url: FOREIGN, version: 1 } } });
    expect(result.actions).toEqual([
      { kind: 'delete', id: existing[0]?.ID, eventType: 'open' },
      { kind: 'post', eventType: 'open', url: FOREIGN, version: 1, forget: true },
    ]);
    expect(result.replaced).toEqual({});
  });
});

describe('planCallbackChanges while sending is on (partial)', () => {
  it('updates our rows and reports the conflicting type instead of blocking everything', () => {
    const existing = [row('sent', OLD_OURS), row('open', FOREIGN), row('spam', OLD_OURS)];
    const result = plan({ selected: ['sent', 'open'], existing, partial: true });
    expect(result.state).toBe('conflict');
    expect(result.conflicts).toEqual([{ eventType: 'open', url: 'https://crm:••••@crm.example.com/hooks/mailjet' }]);
    expect(result.actions).toEqual([
      { kind: 'put', id: existing[0]?.ID, eventType: 'sent', url: OUR_URL, version: 2 },
      { kind: 'delete', id: existing[2]?.ID, eventType: 'spam' },
    ]);
  });
});
