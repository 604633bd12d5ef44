// The envelope an IPC handler returns, because Electron drops an Error's `code` on its way to the
// renderer. Shared by main (wraps) and the preload (unwraps); it must never carry a stack or a secret.
import type { ConnectorErrorBody } from '../../shared/api';

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ConnectorErrorBody };

export const UNEXPECTED_ERROR: ConnectorErrorBody = {
  code: 'internal_error',
  message: 'Something went wrong inside the connector. Try again; if it keeps failing, restart the app.',
};

const STABLE_CODE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/**
 * The {code, message} the renderer sees. Only errors with one of our stable snake_case codes pass
 * their message on: those are written for people and hold no secrets. Node's ENOENT/ERR_* and
 * anything uncoded are hidden behind a generic message.
 */
export function toErrorBody(error: unknown): ConnectorErrorBody {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    if (typeof code === 'string' && STABLE_CODE.test(code)) return { code, message: error.message };
  }
  return { ...UNEXPECTED_ERROR };
}

/** What the renderer's promise rejects with: a plain {code, message}, which survives contextBridge intact. */
export function unwrapIpcResult<T>(result: IpcResult<T> | undefined): T {
  if (result && result.ok === true) return result.value;
  const error = result && result.ok === false ? result.error : UNEXPECTED_ERROR;
  // A plain object, not an Error: contextBridge copies only an Error's message and would drop the code.
  throw { code: error.code, message: error.message } satisfies ConnectorErrorBody;
}
