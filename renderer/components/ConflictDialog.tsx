// The modal shown when Mailjet already posts events elsewhere: keep those endpoints (sending stays
// off) or replace them (restored on Disable). Rendered outside the app's content, which is inert
// while it is open; Escape closes without choosing and focus returns to the button that opened it.
import { useRef, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import type { CallbackRow } from '../../shared/api';
import type { ConnectorError } from '../connector-error';
import { useModal, useModalLayer } from '../hooks/use-modal';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';

interface ConflictDialogProps {
  conflicts: CallbackRow[];
  busy: 'keep' | 'replace' | null;
  error: ConnectorError | null;
  onKeep(): void;
  onReplace(): void;
  onClose(): void;
  /** Gets focus back when the dialog closes. */
  returnFocusTo: RefObject<HTMLElement | null>;
}

export function ConflictDialog({ conflicts, busy, error, onKeep, onReplace, onClose, returnFocusTo }: ConflictDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const { host } = useModalLayer();
  useModal(dialog, { onEscape: onClose, returnFocusTo });
  return createPortal(
    <div className="backdrop">
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby="conflict-title" aria-describedby="conflict-text" className="dialog">
        <h2 id="conflict-title">Mailjet already sends these events elsewhere</h2>
        <div id="conflict-text">
          <p>Mailjet allows one endpoint per event type. These are registered on your account now:</p>
          <table className="table">
            <thead><tr><th scope="col">Event</th><th scope="col">Current endpoint</th></tr></thead>
            <tbody>
              {conflicts.map((row) => (
                <tr key={row.eventType}><td>{row.eventType}</td><td className="mono">{row.url}</td></tr>
              ))}
            </tbody>
          </table>
          <p>
            <strong>Keep existing endpoints</strong> leaves them untouched, so sending to Segment stays off.{' '}
            <strong>Replace with Segment endpoints</strong> points them at this relay; we remember the old ones and
            can restore them when you disable sending.
          </p>
        </div>
        <ErrorAlert error={error} />
        <div className="actions">
          <BusyButton busy={busy === 'keep'} disabled={busy !== null} onClick={onKeep}>Keep existing endpoints</BusyButton>
          <BusyButton busy={busy === 'replace'} disabled={busy !== null} onClick={onReplace} className="button button-primary">
            Replace with Segment endpoints
          </BusyButton>
          <button type="button" className="button button-quiet" onClick={onClose}>Cancel</button>
        </div>
      </div>
    </div>,
    host ?? document.body,
  );
}
