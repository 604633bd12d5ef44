// The one error type the UI shows: a stable code (the back end's from the one table in
// shared/error-codes.ts, or one of the few the transports raise here) plus a sentence that says what to
// do next. It must never carry a Mailjet or Segment secret; messages come from the back end as they are.
import type { ConnectorErrorBody } from '../shared/api';
import { isErrorCode, type ErrorCode } from '../shared/error-codes';

/** Raised by the renderer's own transports: no token, no relay, an answer without our error body. */
export type TransportErrorCode = 'console_token_missing' | 'relay_unreachable' | 'unexpected' | `http_${number}`;

export type ConnectorErrorCode = ErrorCode | TransportErrorCode;

export class ConnectorError extends Error implements ConnectorErrorBody {
  readonly code: ConnectorErrorCode;

  constructor(code: ConnectorErrorCode, message: string) {
    super(message);
    this.name = 'ConnectorError';
    this.code = code;
  }
}

// Electron's invoke() wraps a handler's error as "Error invoking remote method 'x': Error: message".
const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

/** Turns anything a transport threw into a ConnectorError, keeping a code of the table when present. */
export function toConnectorError(thrown: unknown): ConnectorError {
  if (thrown instanceof ConnectorError) return thrown;
  if (typeof thrown === 'object' && thrown !== null) {
    const { code, message } = thrown as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message.replace(IPC_PREFIX, '') : '';
    return new ConnectorError(
      isErrorCode(code) ? code : 'unexpected',
      text || 'Something went wrong. Try again; if it keeps failing, restart the connector.',
    );
  }
  return new ConnectorError('unexpected', 'Something went wrong. Try again; if it keeps failing, restart the connector.');
}
