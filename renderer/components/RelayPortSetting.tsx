// The desktop app's relay port, saved for the next start. Only in the desktop window (window.desktop);
// the web console's relay takes `mjsc relay --port` instead, so there it renders nothing.
import { useEffect, useState, type FormEvent } from 'react';
import { isRelayPort, RELAY_PORT_ENV, type DesktopApi, type RelayPortSetting as PortSetting } from '../../shared/desktop-api';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';

export function RelayPortSetting({ desktop = window.desktop }: { desktop?: DesktopApi }) {
  const [setting, setSetting] = useState<PortSetting | null>(null);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!desktop) return;
    desktop.getRelayPort().then(
      (fresh) => {
        setSetting(fresh);
        setDraft(String(fresh.savedPort));
      },
      (failure: { message?: string }) => setError(failure.message ?? 'The relay port could not be read.'),
    );
  }, [desktop]);

  if (!desktop) return null;

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const port = /^\d+$/.test(draft.trim()) ? Number(draft.trim()) : Number.NaN;
    setSaved(false);
    if (!isRelayPort(port)) return setError('Enter a whole number from 0 (any free port) to 65535.');
    setBusy(true);
    try {
      setSetting(await desktop.setRelayPort({ port }));
      setError(null);
      setSaved(true);
    } catch (failure) {
      setError((failure as { message?: string }).message ?? 'The relay port could not be saved.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="relay-port-heading" className="card">
      <h2 id="relay-port-heading">Relay port</h2>
      <p id="relay-port-why" className="hint">
        The local port Segment and your tunnel post to{setting ? ` (now ${setting.listeningPort})` : ''}. A new port takes effect
        the next time the app starts; 0 picks a free one. The {RELAY_PORT_ENV} environment variable overrides it for one start.
      </p>
      {setting?.source === 'environment' && <p className="hint">This start uses {RELAY_PORT_ENV}, which wins over the saved port.</p>}
      <form onSubmit={(e) => void onSubmit(e)} className="copy-row">
        <label htmlFor="relay-port" className="visually-hidden">Relay port</label>
        <input id="relay-port" inputMode="numeric" value={draft} onChange={(e) => setDraft(e.target.value)} aria-describedby="relay-port-why" />
        <BusyButton type="submit" busy={busy}>Save relay port</BusyButton>
      </form>
      {saved && <p role="status">Saved. Restart the app to move the relay to port {setting?.savedPort}.</p>}
      <ErrorAlert error={error} />
    </section>
  );
}
