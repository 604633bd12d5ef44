import { identifyItem, useStorageFixture } from '../../support/storage-fixture';

describe('identity map', () => {
  const fixture = useStorageFixture();

  it('knows the userId as soon as the identify is committed, whatever the email case', async () => {
    const storage = fixture.open();
    await storage.queue.commit([identifyItem('Grace.Hopper@Example.COM', 'user-42')]);
    expect(storage.identities.userIdFor('grace.hopper@example.com')).toBe('user-42');
    expect(storage.identities.userIdFor('GRACE.HOPPER@EXAMPLE.COM')).toBe('user-42');
    expect(storage.identities.userIdFor('someone@example.com')).toBeUndefined();
  });

  it('keeps the latest userId when the same email is identified again, even within one group', async () => {
    const storage = fixture.open();
    await Promise.all([
      storage.queue.commit([identifyItem('ada@example.com', 'old')]),
      storage.queue.commit([identifyItem('ADA@example.com', 'new')]),
    ]);
    expect(storage.identities.userIdFor('ada@example.com')).toBe('new');
  });

  it('ignores items without a userId or without an email', async () => {
    const storage = fixture.open();
    await storage.queue.commit([identifyItem('anon@example.com'), { ...identifyItem('x@example.com', 'u'), email: undefined }]);
    expect(storage.identities.userIdFor('anon@example.com')).toBeUndefined();
    expect(storage.queue.counts('receive').pending).toBe(2);
  });

  it('looks up a whole delivery batch at once, keyed by the emails as given, whatever their case', async () => {
    const storage = fixture.open();
    await storage.queue.commit([identifyItem('Grace.Hopper@Example.COM', 'user-42'), identifyItem('ada@example.com', 'user-7')]);
    const found = storage.identities.userIdsFor(['grace.hopper@example.com', 'ADA@example.com', 'ada@example.com', 'someone@example.com']);
    expect(Object.fromEntries(found)).toEqual({ 'grace.hopper@example.com': 'user-42', 'ADA@example.com': 'user-7', 'ada@example.com': 'user-7' });
    expect(storage.identities.userIdsFor([]).size).toBe(0);
  });
});
