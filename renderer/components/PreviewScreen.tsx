// Paste an identify call or a Mailjet event and see exactly what the relay would send, without sending.
import { useState, type FormEvent } from 'react';
import type { EventPreview, IdentifyPreview } from '../../shared/api';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';
import { EventPreviewResult } from './EventPreviewResult';
import { IdentifyPreviewResult } from './IdentifyPreviewResult';

type PreviewKind = 'identify' | 'event';

const EXAMPLES: Record<PreviewKind, string> = {
  identify: JSON.stringify({ type: 'identify', userId: 'u-221b', traits: { email: 'sherlock@example.com', firstName: 'Sherlock', lastName: 'Holmes', address: { city: 'London', street: { name: 'Baker Street' } }, tags: ['detective'] } }, null, 2),
  event: JSON.stringify({ event: 'open', time: 1764234000, MessageID: 19421777835146490, email: 'sherlock@example.com', mj_campaign_id: 7257, mj_contact_id: 4, customcampaign: '', ip: '127.0.0.1', geo: 'GB', agent: 'Mozilla/5.0' }, null, 2),
};

type Result = { kind: 'identify'; preview: IdentifyPreview } | { kind: 'event'; preview: EventPreview };

/** A payload handed over by Activity's "Open in Preview". */
export interface PreviewDraft {
  kind: PreviewKind;
  payload: string;
}

export function PreviewScreen({ draft }: { draft?: PreviewDraft }) {
  const [kind, setKind] = useState<PreviewKind>(draft?.kind ?? 'identify');
  const [payload, setPayload] = useState(draft?.payload ?? '');
  const [result, setResult] = useState<Result | null>(null);
  const identify = useConnectorMethod('previewIdentify');
  const event = useConnectorMethod('previewEvent');
  const busy = identify.busy || event.busy;

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setResult(null);
    if (kind === 'identify') {
      const preview = await identify.run({ payload });
      if (preview) setResult({ kind, preview });
    } else {
      const preview = await event.run({ payload });
      if (preview) setResult({ kind, preview });
    }
  };

  return (
    <div className="screen">
      <section aria-labelledby="preview-heading" className="card">
        <h2 id="preview-heading">Preview</h2>
        <p className="hint">Nothing is sent: this shows what the relay would do with the payload.</p>
        <form onSubmit={(e) => void onSubmit(e)}>
          <fieldset className="fieldset">
            <legend>What are you pasting?</legend>
            {(['identify', 'event'] as const).map((k) => (
              <span key={k} className="choice">
                <input type="radio" id={`preview-${k}`} name="preview-kind" checked={kind === k} onChange={() => setKind(k)} />
                <label htmlFor={`preview-${k}`}>{k === 'identify' ? 'Identify call' : 'Mailjet event'}</label>
              </span>
            ))}
          </fieldset>
          <label htmlFor="preview-payload">Payload (JSON)</label>
          <textarea id="preview-payload" rows={12} className="mono" spellCheck={false} value={payload}
            onChange={(e) => setPayload(e.target.value)} />
          <div className="actions">
            <BusyButton type="submit" busy={busy} disabled={!payload.trim()} className="button button-primary">Preview</BusyButton>
            <button type="button" className="button button-quiet" onClick={() => setPayload(EXAMPLES[kind])}>Insert an example</button>
          </div>
        </form>
        <ErrorAlert error={identify.error ?? event.error} />
      </section>
      {result?.kind === 'identify' && <IdentifyPreviewResult preview={result.preview} />}
      {result?.kind === 'event' && <EventPreviewResult preview={result.preview} />}
    </div>
  );
}
