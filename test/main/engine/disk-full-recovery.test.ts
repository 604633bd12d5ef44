// Issue 15: a full disk that frees a little space. The engine runs with its data dir on a real 4 MiB
// tmpfs; while the disk is full intake answers 503 and acknowledges nothing, and once a little space is
// free every acknowledged event reaches the Segment emulator and every contact Mailjet, with no restart.
import { CANARIES, logLines, removeDir, startHarness, type Harness } from '../../support/engine-harness';
import { pollUntil } from '../../support/condition-polling';
import { fileURLToPath } from 'node:url';
import { mountSmallDisk, rerunInMountNamespace, smallDiskPlace, type SmallDisk } from '../../support/small-disk';
import { identifyCalls, postIdentifyBatch, sentEvents } from './engine-traffic';

let disk: SmallDisk | undefined;
let harness: Harness | undefined;

afterAll(async () => {
  try {
    await harness?.stop();
  } finally {
    disk?.unmount();
    if (harness !== undefined) removeDir(harness.dataDir);
  }
});

async function post(relayUrl: string, events: readonly string[]): Promise<{ status: number; retryAfter: string | null }> {
  const response = await fetch(new URL('/mailjet/events', relayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`mailjet:${CANARIES.eventsSecret}`).toString('base64')}` },
    body: `[${events.join(',')}]`,
  });
  await response.arrayBuffer();
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

async function health(relayUrl: string): Promise<unknown> {
  return (await fetch(new URL('/healthz', relayUrl))).json();
}

const place = smallDiskPlace();

describe.runIf(place === 'namespace')('where this user may not mount', () => {
  it('runs this file again inside `unshare --user --map-root-user --mount`', async () => {
    expect(await rerunInMountNamespace(fileURLToPath(import.meta.url), 110_000)).toBe(0);
  }, 120_000);
});

describe.runIf(place !== 'namespace')('a full disk that frees a little space (real 4 MiB tmpfs)', () => {
  it('answers 503 while full, then delivers every acknowledged event on its own', async () => {
    disk = mountSmallDisk(4);
    // Space to free later: a filler written before the connector starts.
    disk.reserve(1024 * 1024);
    harness = await startHarness({ dataDir: disk.dir });
    const { engine, segment, mailjet } = harness;
    let next = 0;
    const batch = (size: number): string[] => sentEvents(size, (next += size) - size);
    let acknowledged = 0;
    const answers: number[] = [];
    const postCounting = async (): Promise<void> => {
      const answer = await post(engine.relayUrl, batch(25));
      answers.push(answer.status);
      if (answer.status === 200) acknowledged += 25;
      else expect(answer).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
    };

    for (let i = 0; i < 4; i++) await postCounting();
    expect(answers).toEqual([200, 200, 200, 200]);
    await pollUntil(() => segment.uniqueMessageIds().size === acknowledged, 'the first events at Segment');

    // Segment and Mailjet go down: events and contacts wait in the queue, their retries and new
    // requests grow the log until the disk is full; the filler takes whatever is left.
    segment.inject('POST /v1/batch', { status: 503, count: 1_000_000 });
    mailjet.inject('POST /v3/REST/contactslist/*/managemanycontacts', { status: 503, count: 1_000_000 });
    let contacts = 0;
    for (let i = 0; i < 400 && !answers.includes(503); i++) {
      await postCounting();
      const identify = await postIdentifyBatch(engine.relayUrl, identifyCalls(5, contacts));
      if (identify.status === 200) contacts += 5;
      else answers.push(identify.status);
    }
    expect(contacts).toBeGreaterThan(0);
    disk.fill();
    for (let i = 0; i < 3; i++) await postCounting();
    expect(answers).toContain(503);
    expect(disk.available()).toBeLessThan(64 * 1024);
    expect(engine.status().queue.send.delivered).toBeLessThan(acknowledged);
    // The status and /healthz say so, with what to do.
    await pollUntil(() => engine.status().diskFull !== undefined, 'the status to say the disk is full');
    expect(engine.status().diskFull).toEqual({ code: 'disk_full', message: expect.stringMatching(/disk that holds .* is full .*Free some space on that disk: the connector resumes by itself/) });
    expect(await health(engine.relayUrl)).toEqual({ ok: true, storage: 'disk_full' });

    // Segment is back and half a MiB is freed: far less than the log had grown to.
    segment.clearFaults();
    mailjet.clearFaults();
    disk.free(512 * 1024);
    await pollUntil(
      () => segment.uniqueMessageIds().size === acknowledged && engine.status().queue.send.delivered === acknowledged,
      `all ${acknowledged} acknowledged events at Segment and marked delivered`,
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    expect(engine.status().queue.send).toMatchObject({ pending: 0, inFlight: 0, failed: 0 });
    await pollUntil(() => engine.status().queue.receive.delivered === contacts, `all ${contacts} acknowledged contacts at Mailjet`, { timeoutMs: 30_000, intervalMs: 50 });
    for (let n = 0; n < contacts; n++) expect(mailjet.contact(`person${n}@example.com`)).toMatchObject({ Name: `Person ${n}` });
    // Outcomes refused while full were recorded once writes worked, so nothing went out twice.
    expect(segment.duplicateMessageIds()).toEqual([]);
    expect(engine.status().diskFull).toBeUndefined();
    expect(await health(engine.relayUrl)).toEqual({ ok: true });
    // A refused write once a second is one log line per direction, not one per second.
    expect(logLines.filter((line) => line.includes('failed unexpectedly')).length).toBeLessThanOrEqual(2);

    // Intake takes new events again, and they go out too.
    await pollUntil(async () => (await post(engine.relayUrl, batch(10))).status === 200, 'intake answering 200 again', { timeoutMs: 30_000, intervalMs: 200 });
    acknowledged += 10;
    await pollUntil(() => segment.uniqueMessageIds().size === acknowledged, 'the new events at Segment', { timeoutMs: 30_000 });
  }, 120_000);
});
