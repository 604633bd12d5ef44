// The operator's settings model over the settings table: one set of defaults, values that survive a
// restart, a write seen at once by every reader, and no key that could pass for a secret.
import { DEFAULT_EVENT_SELECTION } from '../../../shared/event-catalog';
import { DEFAULT_OPERATOR_SETTINGS, OPERATOR_SETTING_KEYS } from '../../../main/storage/operator-settings';
import { looksLikeSecretKey } from '../../../main/storage/settings-store';
import { useStorageFixture } from '../../support/storage-fixture';

describe('operator settings', () => {
  const fixture = useStorageFixture();

  it('reads the defaults on a new data dir', () => {
    expect(fixture.open().operatorSettings.read()).toEqual({
      receiveEnabled: false,
      listId: null,
      listName: null,
      sendState: 'off',
      events: [...DEFAULT_EVENT_SELECTION],
      namingPreset: 'default',
      flattenMode: 'documented',
      publicUrl: null,
      propertyCaps: {},
      conflicts: [],
    });
  });

  it('shows a write to the next read and keeps it across a restart', async () => {
    const first = fixture.open();
    const written = first.operatorSettings.write({ listId: 42, listName: 'Newsletter', events: ['open', 'click'], publicUrl: 'https://abc.ngrok.app' });
    expect(written).toMatchObject({ listId: 42, events: ['open', 'click'], publicUrl: 'https://abc.ngrok.app', namingPreset: 'default' });
    expect(first.operatorSettings.read()).toEqual(written);
    await first.close();

    expect(fixture.open().operatorSettings.read()).toEqual(written);
  });

  it('leaves a setting given as undefined alone', () => {
    const { operatorSettings } = fixture.open();
    operatorSettings.write({ flattenMode: 'deep' });
    expect(operatorSettings.write({ flattenMode: undefined, listId: 7 })).toMatchObject({ flattenMode: 'deep', listId: 7 });
  });

  it('hands each reader its own copy, so changing one does not change the saved settings', () => {
    const { operatorSettings } = fixture.open();
    operatorSettings.read().events.push('spam');
    expect(operatorSettings.read().events).toEqual([...DEFAULT_EVENT_SELECTION]);
  });

  it.each(Object.entries(OPERATOR_SETTING_KEYS))('stores %s under a key the settings table accepts (%s)', (_name, key) => {
    expect(looksLikeSecretKey(key)).toBe(false);
  });

  it('has a default for every key of the settings table', () => {
    expect(Object.keys(DEFAULT_OPERATOR_SETTINGS).sort()).toEqual(Object.keys(OPERATOR_SETTING_KEYS).sort());
  });
});
