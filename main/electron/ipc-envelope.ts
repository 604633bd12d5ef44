// The envelope an IPC handler returns, because Electron drops an Error's `code` on its way to the
// renderer. Shared by main (wraps) and the preload (unwraps); it must never carry a stack or a secret.
import type { ConnectorErrorBody } from '../../shared/api';
import { ERROR_CODES } from '../../shared/error-codes';
import { redactSecrets } from '../logging/redaction';
import { redactUrlCredentials } from '../logging/secret-masking';
import { toCodedReply } from '../errors/error-reply';

/** A failure carries the HTTP status of its code too, so both transports can be compared like for like. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ConnectorErrorBody; status: number };

export const UNEXPECTED_ERROR: ConnectorErrorBody = { code: 'internal_error', message: ERROR_CODES.internal_error.message };

/**
 * The failure the renderer sees, from the one code table (main/errors): only codes in the table pass
 * their message on (written for people; URL credentials masked). Node's ENOENT/ERR_* and anything
 * uncoded are hidden behind a generic message.
 */
export function toIpcFailure(error: unknown): { ok: false; error: ConnectorErrorBody; status: number } {
  const { status, code, message } = toCodedReply(error);
  // Masked as the control API masks it, so both transports say the same.
  return { ok: false, error: { code, message: redactSecrets(redactUrlCredentials(message)) }, status };
}

/** What the renderer's promise rejects with: a plain {code, message}, which survives contextBridge intact. */
export function unwrapIpcResult<T>(result: IpcResult<T> | undefined): T {
  if (result && result.ok === true) return result.value;
  const error = result && result.ok === false ? result.error : UNEXPECTED_ERROR;
  // A plain object, not an Error: contextBridge copies only an Error's message and would drop the code.
  throw { code: error.code, message: error.message } satisfies ConnectorErrorBody;
}
