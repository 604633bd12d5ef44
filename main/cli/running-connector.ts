// Finds the connector running on a data dir (desktop app or `mjsc relay`) through its local control
// socket and calls ConnectorApi methods on it, typed from shared/api.ts. No socket, or nobody
// listening on it, means no connector runs there.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import type { ConnectorArg, ConnectorMethod, ConnectorResult } from '../../shared/api';
import { parseJsonLossless } from '../../shared/json-lossless';
import { controlSocketPath } from '../control/control-socket-path';
import { isListening } from '../control/local-control-socket';
import { isErrorCode } from '../../shared/error-codes';
import { CodedError } from '../errors/coded-error';

export interface RunningConnector {
  /** The socket path (or pipe name) it answers on. */
  readonly path: string;
  call<M extends ConnectorMethod>(method: M, arg: ConnectorArg<M>): Promise<ConnectorResult<M>>;
  close(): void;
}

/** What the running connector answered instead of a result: its stable code and what to do next. */
export class RunningConnectorError extends CodedError {
  override readonly name = 'RunningConnectorError';
}

export async function findRunningConnector(dataDir: string, platform: NodeJS.Platform = process.platform): Promise<RunningConnector | undefined> {
  const path = controlSocketPath(dataDir, platform);
  if (platform !== 'win32' && !existsSync(path)) return undefined;
  if (!(await isListening(path))) return undefined;
  return {
    path,
    call: (method, arg) => callOverSocket(path, method, arg),
    close: () => undefined,
  };
}

function callOverSocket<M extends ConnectorMethod>(path: string, method: M, arg: ConnectorArg<M>): Promise<ConnectorResult<M>> {
  const body = JSON.stringify(arg ?? {});
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { socketPath: path, method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? null : parseJsonLossless(text);
          } catch {
            reject(new RunningConnectorError('bad_answer', 'The running connector sent an answer that is not JSON. Restart it and try again.'));
            return;
          }
          const status = response.statusCode ?? 500;
          if (status === 200) return resolve(parsed as ConnectorResult<M>);
          const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
          // The connector's own code from the table; one this version does not know stays internal_error.
          const code = isErrorCode(error?.code) ? error.code : 'internal_error';
          reject(new RunningConnectorError(code, String(error?.message ?? `The running connector answered ${status}.`)));
        });
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      reject(new RunningConnectorError('connector_unreachable', `The running connector stopped answering on ${path} (${error.code ?? error.message}). Check that it still runs.`));
    });
    outgoing.end(body);
  });
}
