import { eventItem, identifyItem, useStorageFixture } from '../../support/storage-fixture';

describe('activity log', () => {
  const fixture = useStorageFixture();

  it('counts committed items by kind per minute, oldest first, from the given time', async () => {
    const storage = fixture.open();
    const start = fixture.clock.now; // 09:14:30
    await storage.queue.commit([eventItem('open'), eventItem('open'), identifyItem('a@example.com')]);
    fixture.clock.now = start + 40_000; // 09:15:10
    await storage.queue.commit([eventItem('click'), { ...eventItem('bounce'), status: 'skipped', reason: 'not selected' }]);

    expect(storage.activity.perMinute(start - 3_600_000)).toEqual([
      { minute: '2026-11-27T09:14:00.000Z', counts: { open: 2, identify: 1 } },
      { minute: '2026-11-27T09:15:00.000Z', counts: { click: 1, bounce: 1 } },
    ]);
    expect(storage.activity.perMinute(start + 40_000)).toEqual([
      { minute: '2026-11-27T09:15:00.000Z', counts: { click: 1, bounce: 1 } },
    ]);
    expect(storage.activity.perMinute(0, 'receive')).toEqual([
      { minute: '2026-11-27T09:14:00.000Z', counts: { identify: 1 } },
    ]);
  });

  it('records nothing for a group that failed to commit', async () => {
    const storage = fixture.open();
    await expect(storage.queue.commit([{ direction: 'send', kind: '', payload: '{}' }])).rejects.toThrow(/kind/);
    expect(storage.activity.perMinute(0)).toEqual([]);
  });
});
