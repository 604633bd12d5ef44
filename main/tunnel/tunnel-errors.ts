// Errors of the built-in tunnel: a stable code from the one table (shared/error-codes.ts gives its
// HTTP status) and a message that says what to do next.
import { CodedError } from '../errors/coded-error';

export type TunnelErrorCode = 'tunnel_program_missing' | 'tunnel_failed' | 'tunnel_timeout' | 'tunnel_not_proven';

export class TunnelError extends CodedError<TunnelErrorCode> {
  override readonly name = 'TunnelError';
}
