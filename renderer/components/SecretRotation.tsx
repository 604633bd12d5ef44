// "Rotate key" / "Rotate secret": replaces the relay key or the events secret after a confirmation
// that says what breaks. It never shows the old or new value itself; the Connection details do.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ConnectionInfo } from '../../shared/api';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';

type Which = 'relayKey' | 'eventsSecret';

const WORDING: Record<Which, { open: string; confirm: string; consequence: string; done: string }> = {
  relayKey: {
    open: 'Rotate key',
    confirm: 'Yes, rotate the key',
    consequence:
      'A new Segment Authentication Key replaces this one at once. From then on the relay refuses the old key, so ' +
      'Segment’s calls fail until you paste the new key into your Segment destination.',
    done: 'New key shown above. Paste it into your Segment destination now: the old key is refused.',
  },
  eventsSecret: {
    open: 'Rotate secret',
    confirm: 'Yes, rotate the secret',
    consequence:
      'A new secret goes into the Mailjet callback URL and the old one stops working. While sending is on, the ' +
      'relay re-registers its Mailjet callbacks with the new URL for you; nothing to paste.',
    done: 'New callback URL shown above. While sending is on, Mailjet’s callbacks now use it.',
  },
};

export interface SecretRotation {
  /** The Rotate button, for the row's actions. */
  button: ReactNode;
  /** The confirmation, the error and the outcome, for a full-width line under the row. */
  panel: ReactNode;
}

export function useSecretRotation(which: Which, onRotated: (info: ConnectionInfo) => void): SecretRotation {
  const words = WORDING[which];
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const rotate = useConnectorMethod('rotateSecret');
  const openButton = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const id = `rotate-${which}`;

  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  const close = (): void => {
    setConfirming(false);
    rotate.clearError();
    // Back to the button that opened it, once it is enabled again.
    setTimeout(() => openButton.current?.focus(), 0);
  };
  const onConfirm = async (): Promise<void> => {
    const info = await rotate.run({ which });
    if (!info) return;
    onRotated(info);
    setDone(true);
    close();
  };

  const button = (
      <button ref={openButton} type="button" className="button button-small" disabled={confirming}
        aria-expanded={confirming} aria-controls={id} onClick={() => { setDone(false); setConfirming(true); }}>
        {words.open}
      </button>
  );
  const panel = (
    <>
      <p role="status" className="rotation-done">{done && words.done}</p>
      {confirming && (
        <div id={id} role="group" aria-labelledby={`${id}-question`} className="alert alert-warning rotation-confirm"
          onKeyDown={(e) => { if (e.key === 'Escape' && !rotate.busy) close(); }}>
          <p id={`${id}-question`} ref={question} tabIndex={-1}>{words.consequence}</p>
          <ErrorAlert error={rotate.error} />
          <div className="actions">
            <BusyButton busy={rotate.busy} className="button button-primary" onClick={() => void onConfirm()}>{words.confirm}</BusyButton>
            <button type="button" className="button button-quiet" disabled={rotate.busy} onClick={close}>Cancel</button>
          </div>
        </div>
      )}
    </>
  );
  return { button, panel };
}
