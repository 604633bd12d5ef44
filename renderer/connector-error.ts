// The one error type the UI shows: a stable code plus a sentence that says what to do next.
// It must never carry a Mailjet or Segment secret; messages come from the back end as they are.
import type { ConnectorErrorBody } from '../shared/api';

export class ConnectorError extends Error implements ConnectorErrorBody {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'ConnectorError';
    this.code = code;
  }
}

// Electron's invoke() wraps a handler's error as "Error invoking remote method 'x': Error: message".
const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

/** Turns anything a transport threw into a ConnectorError, keeping a back-end code when present. */
export function toConnectorError(thrown: unknown): ConnectorError {
  if (thrown instanceof ConnectorError) return thrown;
  if (typeof thrown === 'object' && thrown !== null) {
    const { code, message } = thrown as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message.replace(IPC_PREFIX, '') : '';
    return new ConnectorError(
      typeof code === 'string' ? code : 'unexpected',
      text || 'Something went wrong. Try again; if it keeps failing, restart the connector.',
    );
  }
  return new ConnectorError('unexpected', 'Something went wrong. Try again; if it keeps failing, restart the connector.');
}
