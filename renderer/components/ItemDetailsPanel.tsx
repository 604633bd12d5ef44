// One item in full: the request as received, what goes upstream, every attempt, notes and dropped
// traits, with Replay (same or new messageId, said plainly), Discard for a failure, and Open in Preview.
import { Fragment, useCallback, useState } from 'react';
import type { ItemDetails } from '../../shared/api';
import { toConnectorError } from '../connector-error';
import { formatDateTime } from '../date-format';
import { useConnector } from '../hooks/use-connector';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { usePolling } from '../hooks/use-polling';
import { BusyButton } from './BusyButton';
import { CodeBlock } from './CodeBlock';
import { ErrorAlert } from './ErrorAlert';
import { ItemAttemptsTable } from './ItemAttemptsTable';
import type { PreviewDraft } from './PreviewScreen';

interface ItemDetailsPanelProps {
  id: string;
  pollIntervalMs: number;
  onClose(): void;
  /** After a replay or discard, so the list and counts refresh. */
  onChanged(): void;
  onOpenInPreview(draft: PreviewDraft): void;
}

export function ItemDetailsPanel({ id, pollIntervalMs, onClose, onChanged, onOpenInPreview }: ItemDetailsPanelProps) {
  const connector = useConnector();
  const [details, setDetails] = useState<ItemDetails | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [asNewMessage, setAsNewMessage] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const replay = useConnectorMethod('replayItems');
  const discard = useConnectorMethod('discardItems');

  const load = useCallback(async () => {
    try {
      setDetails(await connector.getItem({ id }));
      setLoadError(null);
    } catch (thrown) {
      setDetails(null);
      setLoadError(toConnectorError(thrown).message);
    }
  }, [connector, id]);
  // Polled like the list, so attempts and the status move while the panel is open. The parent keys
  // this panel by item id, so the notice and choice start fresh for each item.
  usePolling(load, pollIntervalMs, load);

  const onReplay = async (): Promise<void> => {
    const result = await replay.run({ ids: [id], asNewMessage });
    if (!result) return;
    const miss = result.notReplayed[0];
    setNotice(miss !== undefined ? `Not replayed: ${miss.reason}` : result.asNewMessage
      ? 'Replayed with a new messageId: Segment records it as a new event.'
      : 'Replayed with the same messageId: Segment drops it if it already has this event.');
    onChanged();
    await load();
  };
  const onDiscard = async (): Promise<void> => {
    const result = await discard.run({ ids: [id] });
    if (!result) return;
    onChanged();
    if (result.discarded > 0) onClose();
    else setNotice('Nothing was discarded: only failed items can be discarded.');
  };

  const item = details?.item;
  const sentText = details?.sent === undefined ? undefined : JSON.stringify(details.sent.kind === 'track' ? details.sent.call : details.sent, null, 2);
  return (
    <section aria-labelledby="item-details-heading" className="card item-details">
      <div className="code-title">
        <h2 id="item-details-heading">Item details</h2>
        <button type="button" className="button button-quiet" onClick={onClose}>Close</button>
      </div>
      <ErrorAlert error={loadError} />
      {item && (
        <dl className="facts">
          <dt>Item</dt><dd>#{item.id} · {item.direction === 'receive' ? 'Segment → Mailjet' : 'Mailjet → Segment'} · {item.kind}</dd>
          <dt>Status</dt><dd><span className={`badge badge-${item.status}`}>{item.status.replace('_', ' ')}</span> after {item.attempts} attempt{item.attempts === 1 ? '' : 's'}</dd>
          {item.email !== undefined && <><dt>Email</dt><dd>{item.email}</dd></>}
          {item.messageId !== undefined && <><dt>messageId</dt><dd className="mono">{item.messageId}</dd></>}
          <dt>Received</dt><dd><time dateTime={item.receivedAt}>{formatDateTime(item.receivedAt)}</time></dd>
          {item.reason !== undefined && <><dt>Reason</dt><dd>{item.reason}</dd></>}
          {item.fix !== undefined && <><dt>Fix</dt><dd><strong>{item.fix}</strong></dd></>}
        </dl>
      )}
      <div className="actions">
        <BusyButton busy={replay.busy} disabled={!details?.replayable} onClick={() => void onReplay()}>Replay</BusyButton>
        <span className="choice">
          <input type="checkbox" id="replay-new-message" checked={asNewMessage} onChange={(e) => setAsNewMessage(e.target.checked)} />
          <label htmlFor="replay-new-message">as a new message (new messageId)</label>
          <span className="hint">Segment drops a replay with the same messageId as a duplicate; a new messageId makes it a second event.</span>
        </span>
        <BusyButton busy={discard.busy} disabled={item?.status !== 'failed'} onClick={() => void onDiscard()}>Discard</BusyButton>
        {details?.request !== undefined && item?.status !== 'refused' && (
          <button type="button" className="button" onClick={() => onOpenInPreview({ kind: item?.direction === 'send' ? 'event' : 'identify', payload: details.request?.body ?? '' })}>
            Open in Preview
          </button>
        )}
        <span role="status">{notice}</span>
      </div>
      <ErrorAlert error={replay.error ?? discard.error} />
      {details?.request && (
        <div>
          <h3>Received</h3>
          <p className="mono">{details.request.method} {details.request.path}</p>
          <dl className="facts mono">
            {Object.entries(details.request.headers).map(([name, value]) => <Fragment key={name}><dt>{name}</dt><dd>{value}</dd></Fragment>)}
          </dl>
          <CodeBlock title="Body" text={details.request.body} copyLabel="Request body to clipboard"
            note={details.request.bodyTruncated ? 'The body is cut here; the full text stays in the connector.' : undefined} />
        </div>
      )}
      {sentText !== undefined && (
        <div>
          <h3>{details?.sent?.kind === 'track' ? 'Sent to Segment (track)' : 'Sent to Mailjet (contact upsert)'}</h3>
          <CodeBlock title={details?.sent?.kind === 'track' ? 'Track call' : 'Contact and properties'} text={sentText} copyLabel="Sent call to clipboard" />
        </div>
      )}
      {details && details.dropped.length > 0 && (
        <div>
          <h4>Dropped traits</h4>
          <ul>{details.dropped.map((d) => <li key={d.path}><code>{d.path}</code>: {d.reason}</li>)}</ul>
        </div>
      )}
      {details && details.notes.length > 0 && (
        <div>
          <h4>Notes</h4>
          <ul>{details.notes.map((note) => <li key={note}>{note}</li>)}</ul>
        </div>
      )}
      {details && item?.status !== 'refused' && <ItemAttemptsTable attempts={details.attempts} nextAttemptAt={details.nextAttemptAt} />}
    </section>
  );
}
