// The always-visible summary: credentials, each direction on/off with its problem, and the relay URL.
import type { Problem, Status } from '../../shared/api';
import { ErrorAlert } from './ErrorAlert';

const CREDENTIAL_TEXT = {
  missing: 'not set',
  valid: 'valid',
  unverified: 'not checked yet',
  invalid: 'rejected',
  present: 'saved',
  accepted: 'accepted by Segment',
} as const;

/** On, off, or paused: a deleted list holds contacts back whatever the switch says (as Setup says too). */
function directionWord(enabled: boolean, problem: Problem | undefined): string {
  if (!enabled) return 'off';
  return problem?.code === 'list_deleted' ? 'paused' : 'on';
}

/** Shown when the relay reports no usable keychain but gives no reason of its own. */
const NO_KEYCHAIN_FALLBACK = 'keys cannot be saved here; set them in the MJSC_* environment variables and restart the relay.';

/** Without a usable keychain nothing typed into Setup can be kept: say why, and what to install or unlock. */
function KeychainProblem({ credentials }: { credentials: Status['credentials'] }) {
  if (credentials.source !== 'unavailable') return null;
  return (
    <li>
      Keychain: <strong className="bad">unavailable</strong>
      <span className="problem"> — {credentials.problem?.message ?? NO_KEYCHAIN_FALLBACK}</span>
    </li>
  );
}

function DirectionState({ label, enabled, problem }: { label: string; enabled: boolean; problem: Problem | undefined }) {
  return (
    <li>
      {label}: <strong className={enabled && !problem ? 'ok' : problem ? 'bad' : undefined}>{directionWord(enabled, problem)}</strong>
      {problem && <span className="problem"> — {problem.message}</span>}
    </li>
  );
}

export function StatusHeader({ status, pollError }: { status: Status | null; pollError: string | null }) {
  return (
    <header className="status-header">
      <h1>Mailjet Segment Connector</h1>
      {status ? (
        <ul className="status-list" aria-label="Connector status">
          <li>
            Mailjet keys: <strong>{CREDENTIAL_TEXT[status.credentials.mailjet]}</strong>; Segment write key:{' '}
            <strong>{CREDENTIAL_TEXT[status.credentials.segment]}</strong>
            {status.credentials.source === 'env' && ' (no keychain: keys saved here last only until the relay stops)'}
          </li>
          <KeychainProblem credentials={status.credentials} />
          <DirectionState label="Receiving from Segment" enabled={status.receive.enabled} problem={status.receive.problem} />
          <DirectionState label="Sending to Segment" enabled={status.send.enabled} problem={status.send.problem} />
          <li>Relay: <code>{status.relayUrl}</code></li>
        </ul>
      ) : (
        !pollError && <p className="hint">Connecting to the relay…</p>
      )}
      <ErrorAlert error={pollError} />
    </header>
  );
}
