// The Mailjet and Segment keys: typed once, checked live by the back end, then only shown masked.
// Entered secrets live in this form's state until saved and are cleared right after.
import { useState, type FormEvent } from 'react';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { useStatus } from '../hooks/use-status';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';
import { CredentialStateNote } from './CredentialStateNote';

export function KeysForm() {
  const { status, replaceStatus } = useStatus();
  const [apiKey, setApiKey] = useState('');
  const [secretKey, setSecretKey] = useState('');
  const [writeKey, setWriteKey] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useConnectorMethod('saveCredentials');
  const credentials = status?.credentials;

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSaved(null);
    const fields = {
      ...(apiKey.trim() && { mailjetApiKey: apiKey.trim() }),
      ...(secretKey.trim() && { mailjetSecretKey: secretKey.trim() }),
      ...(writeKey.trim() && { segmentWriteKey: writeKey.trim() }),
    };
    const fresh = await save.run(fields);
    if (!fresh) return;
    replaceStatus(fresh);
    setApiKey('');
    setSecretKey('');
    setWriteKey('');
    setSaved(describeSaved(fields));
  };

  const nothingTyped = !apiKey.trim() && !secretKey.trim() && !writeKey.trim();

  return (
    <section aria-labelledby="keys-heading" className="card">
      <h2 id="keys-heading">Keys</h2>
      <p className="hint">
        Find the Mailjet keys under Account settings → API key management, and the Segment write key in your
        Segment source’s settings. Leave a field empty to keep the stored key.
      </p>
      <form onSubmit={(e) => void onSubmit(e)} className="form-grid">
        <label htmlFor="mailjet-api-key">Mailjet API key</label>
        <div>
          <input id="mailjet-api-key" type="text" autoComplete="off" spellCheck={false} value={apiKey}
            onChange={(e) => setApiKey(e.target.value)} aria-describedby="mailjet-api-key-stored" />
          <CredentialStateNote id="mailjet-api-key-stored" masked={credentials?.mailjetApiKeyMasked} state={credentials?.mailjet} />
        </div>
        <label htmlFor="mailjet-secret-key">Mailjet secret key</label>
        <input id="mailjet-secret-key" type="password" autoComplete="off" value={secretKey}
          onChange={(e) => setSecretKey(e.target.value)} />
        <label htmlFor="segment-write-key">Segment write key</label>
        <div>
          <input id="segment-write-key" type="password" autoComplete="off" value={writeKey}
            onChange={(e) => setWriteKey(e.target.value)} aria-describedby="segment-write-key-stored" />
          <CredentialStateNote id="segment-write-key-stored" masked={credentials?.segmentWriteKeyMasked} state={credentials?.segment} />
        </div>
        <div className="form-actions">
          <BusyButton type="submit" busy={save.busy} disabled={nothingTyped}>Save keys</BusyButton>
          <span role="status">{!save.busy && saved}</span>
        </div>
      </form>
      <ErrorAlert error={save.error} />
      {!save.error && <ErrorAlert error={credentials?.problem?.message} />}
    </section>
  );
}

/** Says only what happened: Mailjet keys are checked before saving; Segment has no check call. */
function describeSaved(fields: { mailjetApiKey?: string; mailjetSecretKey?: string; segmentWriteKey?: string }): string {
  const mailjet = fields.mailjetApiKey !== undefined || fields.mailjetSecretKey !== undefined;
  const segment = fields.segmentWriteKey !== undefined;
  if (mailjet && segment) return 'Mailjet keys checked with Mailjet and saved; Segment write key saved.';
  return mailjet ? 'Mailjet keys checked with Mailjet and saved.' : 'Segment write key saved.';
}
