import { readFileSync } from 'node:fs';
import { SecretSettingRefusedError } from '../../../main/storage/storage-errors';
import { useStorageFixture } from '../../support/storage-fixture';

describe('settings store', () => {
  const fixture = useStorageFixture();

  it('round-trips JSON values and clears a key set to undefined', () => {
    const storage = fixture.open();
    storage.settings.set('receive', { listId: 10, enabled: true });
    storage.settings.set('sendEvents', ['open', 'click']);
    expect(storage.settings.get('receive')).toEqual({ listId: 10, enabled: true });
    expect(storage.settings.get<string[]>('sendEvents')).toEqual(['open', 'click']);
    storage.settings.set('sendEvents', undefined);
    expect(storage.settings.get('sendEvents')).toBeUndefined();
  });

  it('keeps a deferred setting (bookkeeping such as the daily property count) across a close and reopen', async () => {
    const storage = fixture.open();
    storage.settings.set('propertyBudget', { day: '2026-12-02', created: 4 }, 'deferred');
    expect(storage.settings.get('propertyBudget')).toEqual({ day: '2026-12-02', created: 4 });
    await storage.close();
    expect(fixture.open().settings.get('propertyBudget')).toEqual({ day: '2026-12-02', created: 4 });
  });

  it.each(['mailjetApiKey', 'relayKey', 'eventsSecret', 'segment_write_key', 'password', 'consoleToken', 'API_KEY'])(
    'refuses the secret-looking key %s and writes nothing',
    async (key) => {
      const storage = fixture.open();
      const canary = 'canary-secret-7f3a9c';
      expect(() => storage.settings.set(key, canary)).toThrow(SecretSettingRefusedError);
      expect(() => storage.settings.set(key, canary)).toThrow(expect.objectContaining({ code: 'secret_setting_refused' }));
      await storage.close();
      expect(readFileSync(fixture.path).includes(canary)).toBe(false);
    },
  );
});
