// The screen and the open item live in the address (#/activity/items/<id>), so a reload or a shared
// link lands there. The console's #token= is read and removed before the first render, so it never
// reaches here. Pure.
export type Screen = 'setup' | 'activity' | 'preview';

export interface Route {
  screen: Screen;
  /** The open Activity item, when one is open. */
  itemId?: string;
}

const SCREENS: readonly Screen[] = ['setup', 'activity', 'preview'];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const item = /^activity\/items\/([^/?#&]{1,64})$/.exec(path);
  if (item?.[1] !== undefined) return { screen: 'activity', itemId: decodeURIComponent(item[1]) };
  const screen = SCREENS.find((name) => name === path);
  return { screen: screen ?? 'setup' };
}

export function formatRoute(route: Route): string {
  return route.itemId === undefined ? `#/${route.screen}` : `#/activity/items/${encodeURIComponent(route.itemId)}`;
}
