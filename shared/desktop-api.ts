// What the desktop window adds beside ConnectorApi: the relay port, a setting of the desktop shell
// only (`mjsc relay` takes --port). Exposed as window.desktop; absent in the web console.

/** Environment variable that sets the desktop app's relay port for one start, over the saved one. */
export const RELAY_PORT_ENV = 'MJSC_PORT';

export type RelayPortSource = 'environment' | 'settings' | 'default';

export interface RelayPortSetting {
  /** The port the relay listens on now. */
  listeningPort: number;
  /** The port saved for the next start (0 picks a free one). */
  savedPort: number;
  /** Where this start took its port from; 'environment' means MJSC_PORT wins over the saved one. */
  source: RelayPortSource;
}

export interface DesktopApi {
  getRelayPort(): Promise<RelayPortSetting>;
  /** Saves the port for the next start; the relay keeps its current port until the app restarts. */
  setRelayPort(arg: { port: number }): Promise<RelayPortSetting>;
}

export const DESKTOP_CHANNELS = {
  getRelayPort: 'desktop:getRelayPort',
  setRelayPort: 'desktop:setRelayPort',
} as const satisfies Record<keyof DesktopApi, string>;

/** A TCP port a person may type: 0 (any free port) to 65535. */
export function isRelayPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535;
}
