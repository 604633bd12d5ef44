// The whole UI around one ConnectorApi: live status, navigation, and the three screens.
// It never chooses a transport; main.tsx passes the connector in (tests pass a fake).
import { useMemo, useState } from 'react';
import { useHashRoute } from '../hooks/use-hash-route';
import type { ConnectorApi } from '../../shared/api';
import { ConnectorContext } from '../hooks/use-connector';
import { ModalLayerContext } from '../hooks/use-modal';
import { StatusContext, useStatusSource } from '../hooks/use-status';
import { ActivityScreen } from './ActivityScreen';
import { NavTabs } from './NavTabs';
import { PreviewScreen, type PreviewDraft } from './PreviewScreen';
import { SetupScreen } from './SetupScreen';
import { StatusHeader } from './StatusHeader';

interface AppProps {
  connector: ConnectorApi;
  /** How often status and activity refresh; about 2 s in the app. */
  pollIntervalMs?: number;
}

export function App({ connector, pollIntervalMs = 2000 }: AppProps) {
  const statusState = useStatusSource(connector, pollIntervalMs);
  const [route, navigate] = useHashRoute();
  const [previewDraft, setPreviewDraft] = useState<PreviewDraft | undefined>(undefined);
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
            <NavTabs current={route.screen} onSelect={(screen) => navigate({ screen })} />
            <main id="main" tabIndex={-1}>
              {route.screen === 'setup' && <SetupScreen />}
              {route.screen === 'activity' && (
                <ActivityScreen pollIntervalMs={pollIntervalMs} openItemId={route.itemId}
                  onOpenItem={(itemId) => navigate(itemId === undefined ? { screen: 'activity' } : { screen: 'activity', itemId })}
                  onOpenInPreview={(draft) => {
                    setPreviewDraft(draft);
                    navigate({ screen: 'preview' });
                  }} />
              )}
              {route.screen === 'preview' && <PreviewScreen key={previewDraft?.payload ?? ''} draft={previewDraft} />}
            </main>
          </div>
          <div ref={setHost} className="modal-host" />
        </ModalLayerContext.Provider>
      </StatusContext.Provider>
    </ConnectorContext.Provider>
  );
}
