// Binds each ConnectorApi method to its IPC channel through one safeHandle: sender checked, argument
// validated, errors reduced to {code, message}. Never binds a generic channel or leaks a stack.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CONNECTOR_METHODS, channels, type ConnectorApi, type ConnectorMethod } from '../../shared/api';
import { validateArgument } from '../../shared/api-validators';
import { ERROR_CODES } from '../../shared/error-codes';
import { type IpcResult, toIpcFailure } from './ipc-envelope';

export interface ConnectorIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  api: ConnectorApi;
  /** Our window's contents showing an app:// page (window-trust.ts); every other sender is refused. */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** Told about unexpected (uncoded) failures; the renderer only sees a generic message. */
  onUnexpectedError?: (method: ConnectorMethod, error: unknown) => void;
}

const FOREIGN_SENDER = { ok: false, error: { code: 'forbidden_sender', message: ERROR_CODES.forbidden_sender.message }, status: ERROR_CODES.forbidden_sender.status } as const;

/** Registers all 16 handlers; returns a function that removes them. */
export function bindConnectorIpc(options: ConnectorIpcOptions): () => void {
  const { isTrustedSender } = options;
  const safeHandle = <M extends ConnectorMethod>(method: M): void => {
    options.ipcMain.handle(channels[method], async (event, arg: unknown): Promise<IpcResult<unknown>> => {
      // GitHub Desktop's safeListener idea: a call from any other frame never reaches the service.
      if (!isTrustedSender(event)) return FOREIGN_SENDER;
      try {
        const valid = validateArgument(method, arg);
        const call = options.api[method] as (a: typeof valid) => Promise<unknown>;
        return { ok: true, value: await call.call(options.api, valid) };
      } catch (error) {
        const failure = toIpcFailure(error);
        if (failure.error.code === 'internal_error') options.onUnexpectedError?.(method, error);
        return failure;
      }
    });
  };

  for (const method of CONNECTOR_METHODS) safeHandle(method);
  return () => {
    for (const method of CONNECTOR_METHODS) options.ipcMain.removeHandler(channels[method]);
  };
}
