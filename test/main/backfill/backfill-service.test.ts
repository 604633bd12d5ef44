// The history import through the control API of a running connector, against the Mailjet emulator:
// what the list holds afterwards, the dry run's summary, skipped lines with reasons, cancel, and
// live identify calls that are newer than the history.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTACTS_PER_JOB } from '../../../main/workers/contact-sync-worker';
import type { BackfillProgress } from '../../../shared/api';
import { pollUntil } from '../../support/condition-polling';
import { startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';
import { writeHistory } from './history-fixtures';

let harness: ConnectorHarness;
let listId: number;

beforeEach(async () => {
  harness = await startConnectorHarness();
  listId = harness.mailjet.seedList({ Name: 'History' }).ID;
});
afterEach(async () => {
  await harness.stop();
});

async function untilEnded(id: string): Promise<BackfillProgress> {
  let progress: BackfillProgress | null = null;
  await pollUntil(async () => {
    progress = (await harness.ok('getBackfill', { id })).backfill;
    return progress !== null && progress.phase !== 'reading' && progress.phase !== 'delivering';
  }, 'the import to end', { timeoutMs: 60_000, intervalMs: 50 });
  return progress as unknown as BackfillProgress;
}

describe('a history import into the selected list', () => {
  it('leaves one contact per email with the latest traits, and counts the other call types as skipped', async () => {
    const file = join(harness.dataDir, 'history.jsonl');
    writeHistory(file, { contacts: 700, versions: 3, tracks: 5 });
    const started = await harness.ok('startBackfill', { files: [file], listId });
    const ended = await untilEnded(started.id);

    expect(ended.phase).toBe('done');
    expect(ended.linesRead).toBe(2105);
    expect(ended).toMatchObject({ contacts: 700, delivered: 700, created: 700, updated: 0, fraction: 1 });
    expect(ended.skipped).toEqual([{ reason: 'a track call (only identify calls update Mailjet)', count: 5 }]);
    expect(harness.mailjet.contacts).toHaveLength(700);
    expect(harness.mailjet.contact('person5@example.com')?.Properties).toMatchObject({ plan: 'v2', seen: '2' });
    // Bulk jobs of at most CONTACTS_PER_JOB contacts, the same ones live calls use.
    const jobs = harness.mailjet.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/managemanycontacts'));
    const sizes = jobs.map((job) => (JSON.parse(job.body) as { Contacts: unknown[] }).Contacts.length);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(700);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(CONTACTS_PER_JOB);
  });

  it('a dry run says what would happen and sends nothing', async () => {
    harness.mailjet.clearRequests();
    const file = join(harness.dataDir, 'users.csv');
    writeFileSync(file, 'Email,first_name,plan\nada@example.com,Ada,pro\nnot-an-email,Bob,free\ngrace@example.com,Grace,team\n');
    const started = await harness.ok('startBackfill', { files: [file], dryRun: true });
    const ended = await untilEnded(started.id);

    expect(ended).toMatchObject({ phase: 'done', dryRun: true, linesRead: 3, contacts: 2, created: 2, updated: 0, queued: 0, delivered: 0 });
    expect(ended.skipped).toEqual([{ reason: 'the row has no valid email', count: 1 }]);
    expect(harness.mailjet.requests.filter((r) => r.path.includes('managemanycontacts') || r.path.includes('managecontact'))).toEqual([]);
  });

  it('never lets a historical call overwrite a newer live identify', async () => {
    await harness.ok('enableReceive', { listId });
    const live = await fetch(`${harness.host.relayUrl}/v1/identify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${(await harness.ok('getConnectionInfo')).relayKey}:`).toString('base64')}` },
      body: JSON.stringify({ userId: 'user-1', traits: { email: 'person1@example.com', plan: 'live' } }),
    });
    expect(live.status).toBe(200);
    await pollUntil(() => harness.mailjet.contact('person1@example.com')?.Properties.plan === 'live', 'the live identify in Mailjet');

    const file = join(harness.dataDir, 'history.jsonl');
    writeHistory(file, { contacts: 3, versions: 2 });
    const ended = await untilEnded((await harness.ok('startBackfill', { files: [file] })).id);

    expect(ended.phase).toBe('done');
    expect(harness.mailjet.contact('person1@example.com')?.Properties.plan).toBe('live');
    expect(harness.mailjet.contact('person2@example.com')?.Properties.plan).toBe('v1');
    expect(ended.skipped.map((entry) => entry.count)).toEqual([1]);
    expect(ended.skipped[0]?.reason).toMatch(/newer live identify/);
  });

  it('refuses a list other than the selected one, saying what to do', async () => {
    await harness.ok('enableReceive', { listId });
    const other = harness.mailjet.seedList({ Name: 'Other' }).ID;
    const file = join(harness.dataDir, 'history.jsonl');
    writeHistory(file, { contacts: 1, versions: 1 });
    const answer = await harness.call('startBackfill', { files: [file], listId: other });
    expect(answer.status).toBe(409);
    expect(answer.error?.code).toBe('backfill_list_mismatch');
    expect(answer.error?.message).toMatch(/Choose list/);
  });

  it('cancel skips every contact not sent yet, and none goes out afterwards', async () => {
    await harness.ok('enableReceive', { listId });
    harness.mailjet.inject(`POST /v3/REST/contactslist/${listId}/managemanycontacts`, { status: 503, count: 1_000_000 });
    const file = join(harness.dataDir, 'history.jsonl');
    writeHistory(file, { contacts: 900, versions: 1 });
    const started = await harness.ok('startBackfill', { files: [file] });
    await pollUntil(() => harness.mailjet.requests.some((r) => r.fault !== undefined), 'a bulk job refused with 503');

    const cancelled = (await harness.ok('cancelBackfill', { id: started.id })).backfill;
    harness.mailjet.clearFaults();
    await harness.ok('retryFailed', {});

    expect(cancelled?.phase).toBe('cancelled');
    expect(cancelled?.skipped.some((entry) => /cancelled before this contact went out/.test(entry.reason))).toBe(true);
    const after = (await harness.ok('getActivity', { direction: 'receive', status: 'pending' })).items;
    expect(after).toEqual([]);
    expect(harness.mailjet.contacts).toEqual([]);
  });
});
