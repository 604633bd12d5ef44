// What to paste into Segment and Mailjet: the Segment Authentication Key (the relay key) and the
// endpoint URLs, each with its own copy button. These are shown on purpose; no other secret is.
import { useEffect, useState } from 'react';
import type { ConnectionInfo } from '../../shared/api';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { CopyButton } from './CopyButton';
import { ErrorAlert } from './ErrorAlert';

const ENDPOINTS: ReadonlyArray<{ field: Exclude<keyof ConnectionInfo, 'relayKey'>; label: string; copy: string; hint: string }> = [
  { field: 'segmentWebhookUrl', label: 'Segment webhook URL', copy: 'Copy webhook URL', hint: 'Paste into a Segment Webhooks destination.' },
  { field: 'trackingApiHost', label: 'Tracking API host', copy: 'Copy tracking API host', hint: 'For a Segment library or HTTP Tracking API destination; use the Segment Authentication Key as its write key.' },
  { field: 'mailjetCallbackUrl', label: 'Mailjet callback URL', copy: 'Copy callback URL', hint: 'Registered on Mailjet for you when you enable sending.' },
];

export function ConnectionInfoPanel() {
  const [info, setInfo] = useState<ConnectionInfo | null>(null);
  const load = useConnectorMethod('getConnectionInfo');
  const { run } = load;

  useEffect(() => {
    void run({}).then((fresh) => fresh && setInfo(fresh));
  }, [run]);

  return (
    <section aria-labelledby="connection-heading" className="card">
      <h2 id="connection-heading">Connection details</h2>
      <ErrorAlert error={load.error} />
      {info && (
        <div className="form-grid">
          <label htmlFor="relay-key">Segment Authentication Key</label>
          <div className="copy-row">
            <input id="relay-key" readOnly value={info.relayKey} className="mono" />
            <CopyButton value={info.relayKey} />
          </div>
          {ENDPOINTS.map(({ field, label, copy, hint }) => (
            <EndpointRow key={field} id={`endpoint-${field}`} label={label} copy={copy} hint={hint} value={info[field]} />
          ))}
        </div>
      )}
    </section>
  );
}

function EndpointRow({ id, label, copy, hint, value }: { id: string; label: string; copy: string; hint: string; value: string }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div>
        <div className="copy-row">
          <input id={id} readOnly value={value} className="mono" aria-describedby={`${id}-hint`} />
          <CopyButton value={value} label={copy} />
        </div>
        <small id={`${id}-hint`} className="hint">{hint}</small>
      </div>
    </>
  );
}
