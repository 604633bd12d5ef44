// Step 2: the public base URL that Mailjet and Segment reach this relay through, typed in or given by
// the built-in tunnel, and what its proof found (reached, or why not) and did to the callbacks.
import { useState, type FormEvent } from 'react';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { useStatus } from '../hooks/use-status';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';
import { TunnelControls } from './TunnelControls';

export function PublicUrlForm() {
  const { status, replaceStatus } = useStatus();
  const [draft, setDraft] = useState<string | null>(null);
  const [cleared, setCleared] = useState(false);
  const save = useConnectorMethod('setOptions');
  const value = draft ?? status?.publicUrl ?? '';
  const check = status?.publicUrlCheck;

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const publicUrl = value.trim() || null;
    const fresh = await save.run({ publicUrl });
    if (!fresh) return;
    replaceStatus(fresh);
    setDraft(null);
    setCleared(publicUrl === null);
  };

  const relayUrl = status?.relayUrl ?? 'http://127.0.0.1:8787';
  const relayPort = new URL(relayUrl).port || '80';

  return (
    <section aria-labelledby="public-url-heading" className="card">
      <h2 id="public-url-heading">Public URL</h2>
      <p id="public-url-why" className="hint">
        Mailjet must reach the callback URL from the internet, and so must Segment’s cloud for a Webhooks
        destination; this relay only listens on your computer. Start a tunnel here, or run one yourself (for example{' '}
        <code>cloudflared tunnel --url {relayUrl}</code> or <code>ngrok http {relayPort}</code>) and paste its https
        URL. Saving it sends a one-time check through it to this relay. To test locally without one, use “Send a
        test event” in “Send data to Segment”, or post sample Mailjet events to the relay’s <code>/mailjet/events</code> yourself.
      </p>
      <TunnelControls />
      <form onSubmit={(e) => void onSubmit(e)} className="copy-row">
        <label htmlFor="public-url" className="visually-hidden">Public URL</label>
        <input id="public-url" type="url" inputMode="url" placeholder="https://your-tunnel.example.com" value={value}
          onChange={(e) => setDraft(e.target.value)} aria-describedby="public-url-why public-url-result" />
        <BusyButton type="submit" busy={save.busy}>Save public URL</BusyButton>
      </form>
      <p id="public-url-result" role="status" className={check && check.result !== 'reached' && check.result !== 'checking' ? 'alert alert-warning' : 'hint'}>
        {save.busy ? 'Checking that the URL reaches this relay…' : check ? check.message : cleared ? 'Public URL cleared: the URLs below use the relay’s own address again.' : ''}
      </p>
      <ErrorAlert error={save.error} />
    </section>
  );
}
