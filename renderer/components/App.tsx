// The whole UI around one ConnectorApi: live status, navigation, and the three screens.
// It never chooses a transport; main.tsx passes the connector in (tests pass a fake).
import { useState } from 'react';
import type { ConnectorApi } from '../../shared/api';
import { ConnectorContext } from '../hooks/use-connector';
import { StatusContext, useStatusSource } from '../hooks/use-status';
import { ActivityScreen } from './ActivityScreen';
import { NavTabs, type Screen } from './NavTabs';
import { PreviewScreen } from './PreviewScreen';
import { SetupScreen } from './SetupScreen';
import { StatusHeader } from './StatusHeader';

interface AppProps {
  connector: ConnectorApi;
  /** How often status and activity refresh; about 2 s in the app. */
  pollIntervalMs?: number;
}

export function App({ connector, pollIntervalMs = 2000 }: AppProps) {
  const statusState = useStatusSource(connector, pollIntervalMs);
  const [screen, setScreen] = useState<Screen>('setup');
  return (
    <ConnectorContext.Provider value={connector}>
      <StatusContext.Provider value={statusState}>
        <a href="#main" className="skip-link">Skip to content</a>
        <StatusHeader status={statusState.status} pollError={statusState.pollError} />
        <NavTabs current={screen} onSelect={setScreen} />
        <main id="main" tabIndex={-1}>
          {screen === 'setup' && <SetupScreen />}
          {screen === 'activity' && <ActivityScreen pollIntervalMs={pollIntervalMs} />}
          {screen === 'preview' && <PreviewScreen />}
        </main>
      </StatusContext.Provider>
    </ConnectorContext.Provider>
  );
}
