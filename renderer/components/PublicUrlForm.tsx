// The public base URL (a tunnel) that Mailjet posts events to, and how to test without one.
import { useState, type FormEvent } from 'react';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { useStatus } from '../hooks/use-status';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';

export function PublicUrlForm() {
  const { status, replaceStatus } = useStatus();
  const [draft, setDraft] = useState<string | null>(null);
  const save = useConnectorMethod('setOptions');
  const value = draft ?? status?.publicUrl ?? '';

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const fresh = await save.run({ publicUrl: value.trim() || null });
    if (!fresh) return;
    replaceStatus(fresh);
    setDraft(null);
  };

  const relayUrl = status?.relayUrl ?? 'http://127.0.0.1:8787';
  const relayPort = new URL(relayUrl).port || '80';

  return (
    <section aria-labelledby="public-url-heading" className="card">
      <h2 id="public-url-heading">Public URL</h2>
      <p id="public-url-why" className="hint">
        Mailjet must reach the callback URL from the internet, and this relay only listens on your computer. Run a
        tunnel (for example <code>cloudflared tunnel --url {relayUrl}</code> or <code>ngrok http {relayPort}</code>)
        and paste its https URL here. To test locally without one, use “Send a test event” in “Send data to Segment”,
        or post sample Mailjet events to the relay’s <code>/mailjet/events</code> yourself.
      </p>
      <form onSubmit={(e) => void onSubmit(e)} className="copy-row">
        <label htmlFor="public-url" className="visually-hidden">Public URL</label>
        <input id="public-url" type="url" inputMode="url" placeholder="https://your-tunnel.example.com" value={value}
          onChange={(e) => setDraft(e.target.value)} aria-describedby="public-url-why" />
        <BusyButton type="submit" busy={save.busy}>Save public URL</BusyButton>
      </form>
      <ErrorAlert error={save.error} />
    </section>
  );
}
