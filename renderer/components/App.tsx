// The whole UI around one ConnectorApi: live status, navigation, and the three screens.
// It never chooses a transport; main.tsx passes the connector in (tests pass a fake).
import { useMemo, useState } from 'react';
import type { ConnectorApi } from '../../shared/api';
import { ConnectorContext } from '../hooks/use-connector';
import { ModalLayerContext } from '../hooks/use-modal';
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
  // Elements, not refs, so a dialog can portal into the host on its first render.
  const [content, setContent] = useState<HTMLDivElement | null>(null);
  const [host, setHost] = useState<HTMLDivElement | null>(null);
  const modalLayer = useMemo(() => ({ content, host }), [content, host]);
  return (
    <ConnectorContext.Provider value={connector}>
      <StatusContext.Provider value={statusState}>
        <ModalLayerContext.Provider value={modalLayer}>
          <div ref={setContent} className="app-content">
            <a href="#main" className="skip-link">Skip to content</a>
            <StatusHeader status={statusState.status} pollError={statusState.pollError} />
            <NavTabs current={screen} onSelect={setScreen} />
            <main id="main" tabIndex={-1}>
              {screen === 'setup' && <SetupScreen />}
              {screen === 'activity' && <ActivityScreen pollIntervalMs={pollIntervalMs} />}
              {screen === 'preview' && <PreviewScreen />}
            </main>
          </div>
          <div ref={setHost} className="modal-host" />
        </ModalLayerContext.Provider>
      </StatusContext.Provider>
    </ConnectorContext.Provider>
  );
}
