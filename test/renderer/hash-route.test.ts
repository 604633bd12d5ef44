import { formatRoute, parseRoute } from '../../renderer/hash-route';

describe('hash routes', () => {
  it.each([
    ['', { screen: 'setup' }],
    ['#/activity', { screen: 'activity' }],
    ['#activity', { screen: 'activity' }],
    ['#/activity/items/42', { screen: 'activity', itemId: '42' }],
    ['#/activity/items/refused-7', { screen: 'activity', itemId: 'refused-7' }],
    ['#/preview', { screen: 'preview' }],
    // The console link's token is read (and removed) by the transport first; if it were still there, Setup shows.
    ['#token=abc', { screen: 'setup' }],
    ['#/nowhere', { screen: 'setup' }],
  ])('%s is %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('writes what it reads', () => {
    for (const route of [{ screen: 'activity' as const, itemId: '42' }, { screen: 'preview' as const }]) expect(parseRoute(formatRoute(route))).toEqual(route);
  });
});
