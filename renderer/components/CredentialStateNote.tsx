// One line under a key field: the masked stored key and whether the back end accepted it.
import type { MailjetCredentialState, SegmentCredentialState } from '../../shared/api';

const STATE_TEXT: Record<MailjetCredentialState | SegmentCredentialState, string> = {
  missing: 'Not set yet.',
  valid: 'Mailjet accepted it.',
  present: 'Saved. Segment checks it when the first event is delivered.',
  accepted: 'Accepted by Segment: an event was delivered with it.',
  invalid: 'Rejected: enter the key again.',
  unverified: 'Stored, not checked yet (Mailjet was not reachable).',
};

interface CredentialStateNoteProps {
  id: string;
  masked: string | undefined;
  state: MailjetCredentialState | SegmentCredentialState | undefined;
}

export function CredentialStateNote({ id, masked, state }: CredentialStateNoteProps) {
  return (
    <small id={id} className="hint">
      {masked && <>Stored key <code>{masked}</code>. </>}
      {state && STATE_TEXT[state]}
    </small>
  );
}
