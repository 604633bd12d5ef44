import { createGroupCommitter } from '../../../main/storage/group-commit';
import { StorageUnavailableError } from '../../../main/storage/storage-errors';
import { pollUntil } from '../../support/condition-polling';
import { eventItem, useStorageFixture } from '../../support/storage-fixture';

describe('group commit on a real database', () => {
  const fixture = useStorageFixture();

  it('writes 500 concurrent commit() calls in a few transactions of at most 256 items and gives every caller its own ids', async () => {
    const storage = fixture.open();
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => storage.queue.commit([eventItem('open', `m${i}`), eventItem('click', `c${i}`)])),
    );
    expect(fixture.groups).toEqual([
      { callers: 128, items: 256 },
      { callers: 128, items: 256 },
      { callers: 128, items: 256 },
      { callers: 116, items: 232 },
    ]);
    expect(new Set(results.flat()).size).toBe(1000);
    expect(results.every((ids) => ids.length === 2)).toBe(true);
    expect(storage.queue.counts('send').pending).toBe(1000);
  });

  it('starts a new group for calls made after the previous group was written', async () => {
    const storage = fixture.open();
    await Promise.all([storage.queue.commit([eventItem()]), storage.queue.commit([eventItem()])]);
    await storage.queue.commit([eventItem()]);
    expect(fixture.groups.map((g) => g.callers)).toEqual([2, 1]);
  });
});

describe('createGroupCommitter', () => {
  it('caps a group at maxGroupItems without splitting a caller\'s batch, and flush() writes every group at once', async () => {
    const groups: number[][] = [];
    const committer = createGroupCommitter<number, number>({
      writeGroup: (batches) => {
        groups.push(batches.map((batch) => batch.length));
        return batches.map((batch) => batch.length);
      },
      describeFailure: (error) => new StorageUnavailableError(String(error)),
      maxGroupItems: 5,
    });
    const answers = [committer.submit([1, 2, 3]), committer.submit([4, 5]), committer.submit([6]), committer.submit([7, 8, 9, 10, 11, 12, 13]), committer.submit([14])];
    committer.flush();
    // Written at once, in order, none over 5 items unless one caller's batch alone is larger.
    expect(groups).toEqual([[3, 2], [1], [7], [1]]);
    await expect(Promise.all(answers)).resolves.toEqual([3, 2, 1, 7, 1]);
  });

  it('resolves callers only after their group was written', async () => {
    const log: string[] = [];
    const committer = createGroupCommitter<number, number>({
      writeGroup: (batches) => {
        log.push(`write ${batches.length}`);
        return batches.map((b) => b.length);
      },
      describeFailure: (error) => new StorageUnavailableError(String(error)),
    });
    const done = [committer.submit([1]), committer.submit([2, 3])].map((p) => p.then((n) => log.push(`ack ${n}`)));
    log.push('submitted');
    await Promise.all(done);
    expect(log).toEqual(['submitted', 'write 2', 'ack 1', 'ack 2']);
  });

  it('puts calls that arrive during a write into the next group', async () => {
    const groups: number[][][] = [];
    let late: Promise<number> | undefined;
    const committer = createGroupCommitter<number, number>({
      writeGroup: (batches) => {
        groups.push(batches);
        // Something submitted while the transaction is running must not join it.
        if (groups.length === 1) late = committer.submit([99]);
        return batches.map((b) => b[0] ?? 0);
      },
      describeFailure: (error) => new StorageUnavailableError(String(error)),
    });
    await expect(committer.submit([1])).resolves.toBe(1);
    await expect(late).resolves.toBe(99);
    expect(groups).toEqual([[[1]], [[99]]]);
  });

  it('rejects every caller of a failed group with the same StorageUnavailableError and acknowledges none', async () => {
    let fail = true;
    const committer = createGroupCommitter<number, number>({
      writeGroup: (batches) => {
        if (fail) throw new Error('disk I/O error');
        return batches.map(() => 1);
      },
      describeFailure: () => new StorageUnavailableError('Could not write: check the disk.'),
    });
    const results = await Promise.allSettled([committer.submit([1]), committer.submit([2]), committer.submit([3])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'storage_unavailable' });
    fail = false;
    await expect(committer.submit([4])).resolves.toBe(1);
  });

  it('answers no caller before the group is durable, and writes the next group while that fsync runs', async () => {
    const log: string[] = [];
    const fsyncs: Array<() => void> = [];
    const committer = createGroupCommitter<number, number>({
      writeGroup: (batches) => {
        log.push(`write ${batches.flat().join(',')}`);
        return batches.map((b) => b[0] ?? 0);
      },
      makeDurable: () => new Promise<void>((resolve) => fsyncs.push(resolve)),
      describeFailure: (error) => new StorageUnavailableError(String(error)),
    });
    const first = committer.submit([1]).then((n) => log.push(`ack ${n}`));
    await pollUntil(() => fsyncs.length === 1, 'the first group to reach its fsync');
    const second = committer.submit([2]).then((n) => log.push(`ack ${n}`));
    await pollUntil(() => fsyncs.length === 2, 'the second group to be written during the first fsync');
    expect(log).toEqual(['write 1', 'write 2']);
    fsyncs[1]?.();
    await second;
    fsyncs[0]?.();
    await first;
    expect(log).toEqual(['write 1', 'write 2', 'ack 2', 'ack 1']);
  });

  it('rejects every caller of a group whose fsync failed, though its transaction committed', async () => {
    const committer = createGroupCommitter<number, number>({
      writeGroup: (batches) => batches.map(() => 1),
      makeDurable: () => Promise.reject(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })),
      describeFailure: () => new StorageUnavailableError('Could not make the items durable: check the disk.'),
    });
    const results = await Promise.allSettled([committer.submit([1]), committer.submit([2])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'storage_unavailable' });
  });

  it('after a locked write, refuses later groups at once for the hold-off, then tries again', async () => {
    const clock = { now: 1_000 };
    let writes = 0;
    let locked = true;
    const committer = createGroupCommitter<number, number>({
      writeGroup: (batches) => {
        writes += 1;
        if (locked) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        return batches.map(() => 1);
      },
      describeFailure: () => new StorageUnavailableError('The database is locked by another process.'),
      holdOffAfter: (error) => ((error as { code?: string }).code === 'SQLITE_BUSY' ? 250 : 0),
      now: () => clock.now,
    });
    await expect(committer.submit([1])).rejects.toMatchObject({ code: 'storage_unavailable' });
    clock.now += 249;
    await expect(committer.submit([2])).rejects.toMatchObject({ code: 'storage_unavailable' });
    expect(writes).toBe(1);
    locked = false;
    clock.now += 1;
    await expect(committer.submit([3])).resolves.toBe(1);
    expect(writes).toBe(2);
  });
});
