// What to paste into Segment and Mailjet: the Segment Authentication Key (the relay key) and the
// endpoint URLs, each with its own copy button, and rotation of the two relay secrets. These values
// are shown on purpose; no other secret is.
import { useEffect, useState, type ReactNode } from 'react';
import type { ConnectionInfo } from '../../shared/api';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { useStatus } from '../hooks/use-status';
import { CopyButton } from './CopyButton';
import { ErrorAlert } from './ErrorAlert';
import { useSecretRotation } from './SecretRotation';

type EndpointField = Exclude<keyof ConnectionInfo, 'relayKey'>;

// The copy buttons' names say neither "copy" (the relay key's "Copy" must be the only match) nor the
// field's label (getByLabel('Mailjet callback URL') must find only the field).
const ENDPOINTS: ReadonlyArray<{ field: EndpointField; label: string; copy: string; hint: string }> = [
  { field: 'segmentWebhookUrl', label: 'Segment webhook URL', copy: 'Webhook URL to clipboard', hint: 'In Segment: Connections → Destinations → Add destination → Webhooks. Paste this as the webhook URL and the Segment Authentication Key as its shared secret; Segment’s cloud posts here.' },
  { field: 'trackingApiHost', label: 'Tracking API host', copy: 'Tracking host to clipboard', hint: 'Or, from your own code: give a Segment library (analytics-node host, analytics.js apiHost) this host and the Segment Authentication Key as its write key.' },
  { field: 'mailjetCallbackUrl', label: 'Mailjet callback URL', copy: 'Callback URL to clipboard', hint: 'Registered on Mailjet for you when you enable sending. It holds the events secret.' },
];

export function ConnectionInfoPanel() {
  const { status } = useStatus();
  const [info, setInfo] = useState<ConnectionInfo | null>(null);
  const load = useConnectorMethod('getConnectionInfo');
  const { run } = load;
  const publicUrl = status?.publicUrl ?? null;
  const relayKeyRotation = useSecretRotation('relayKey', setInfo);
  const eventsSecretRotation = useSecretRotation('eventsSecret', setInfo);

  // Again when the public URL changes: every URL below is built on it.
  useEffect(() => {
    void run({}).then((fresh) => fresh && setInfo(fresh));
  }, [run, publicUrl]);

  return (
    <section aria-labelledby="connection-heading" className="card">
      <h2 id="connection-heading">Connection details</h2>
      <p className="hint">
        {publicUrl === null
          ? 'These use the relay’s own address, which only this computer can reach. Segment’s cloud needs the public URL as much as Mailjet does: set one in “Public URL” first, and these values follow it.'
          : `These use the public URL ${publicUrl}, so Segment’s cloud and Mailjet reach this relay through it.`}
      </p>
      <ErrorAlert error={load.error} />
      {info && (
        <div className="value-grid">
          <ValueRow id="relay-key" label="Segment Authentication Key" value={info.relayKey}
            hint="Segment authenticates to this relay with it: paste it where your Segment destination asks for a key."
            actions={<><CopyButton value={info.relayKey} />{relayKeyRotation.button}</>} below={relayKeyRotation.panel} />
          {ENDPOINTS.map(({ field, label, copy, hint }) => (
            <ValueRow key={field} id={`endpoint-${field}`} label={label} value={info[field]} hint={hint} multiline
              actions={<>
                <CopyButton value={info[field]} label={copy} icon />
                {field === 'mailjetCallbackUrl' && eventsSecretRotation.button}
              </>}
              below={field === 'mailjetCallbackUrl' ? eventsSecretRotation.panel : null} />
          ))}
        </div>
      )}
    </section>
  );
}

interface ValueRowProps {
  id: string;
  label: string;
  value: string;
  hint: string;
  actions: ReactNode;
  below: ReactNode;
  /** Long URLs wrap instead of hiding their end. */
  multiline?: boolean;
}

function ValueRow({ id, label, value, hint, actions, below, multiline = false }: ValueRowProps) {
  const field = multiline
    ? <textarea id={id} readOnly rows={1} value={value} className="mono value" spellCheck={false} aria-describedby={`${id}-hint`} />
    : <input id={id} readOnly value={value} className="mono value" spellCheck={false} aria-describedby={`${id}-hint`} />;
  return (
    <div className="value-row">
      <label htmlFor={id} className="value-label">{label}</label>
      <div className="value-field">
        {field}
        <small id={`${id}-hint`} className="hint">{hint}</small>
      </div>
      <div className="value-actions">{actions}</div>
      <div className="value-below">{below}</div>
    </div>
  );
}
