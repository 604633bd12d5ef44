// Test fixture: a real relay on 127.0.0.1:0 with a recording queue, plus raw HTTP helpers (node:http,
// so tests can set any Host header and see exactly what the relay answered).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { ListenerLimits } from '../../../main/config/listener-limits';
import { loadRelayConfig, type RelayConfigInput } from '../../../main/config/relay-config';
import type { DirectionState } from '../../../main/relay/intake';
import { silentLogger, type RelayLogger } from '../../../main/logging/relay-logger';
import { createRelayServer, type RelaySecrets, type RelayServer, type RelayServerDeps } from '../../../main/relay/relay-server';
import type { NewItem } from '../../../main/storage/item-queue';
import { StorageUnavailableError } from '../../../main/storage/storage-errors';

export const RELAY_KEY = 'rk_test_4f1b9c2e7d';
export const EVENTS_SECRET = 'es_test_8a7c6d5e4f';

export class RecordingQueue {
  readonly items: NewItem[] = [];
  failing = false;
  async commit(items: NewItem[]): Promise<number[]> {
    if (this.failing) throw new StorageUnavailableError('Could not write to test.db (SQLITE_FULL): the disk is full.');
    const first = this.items.length;
    this.items.push(...items);
    return items.map((_item, index) => first + index + 1);
  }
}

export interface QueueLike {
  commit(items: NewItem[]): Promise<number[]>;
}

export interface RunningRelay {
  url: string;
  port: number;
  server: RelayServer;
  secrets: RelaySecrets;
  directions: DirectionState;
}

export async function startRelay(options: { queue: QueueLike; config?: RelayConfigInput; publicUrl?: string; directions?: Partial<DirectionState>; logger?: RelayLogger; limits?: Partial<ListenerLimits>; onRefused?: RelayServerDeps['onRefused'] }): Promise<RunningRelay> {
  const secrets: RelaySecrets = { relayKey: RELAY_KEY, eventsSecret: EVENTS_SECRET };
  const directions: DirectionState = { receiveEnabled: true, sendEnabled: true, selectedEvents: ['sent', 'open', 'click'], ...options.directions };
  const config = loadRelayConfig({ host: '127.0.0.1', port: 0, ...options.config });
  const server = createRelayServer({
    config,
    publicUrl: () => options.publicUrl ?? null,
    secrets: () => secrets,
    queue: options.queue,
    logger: options.logger ?? silentLogger,
    directions: () => directions,
    limits: options.limits,
    onRefused: options.onRefused,
  });
  const url = await server.listen();
  const port = server.address()?.port ?? 0;
  return { url, port, server, secrets, directions };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'POST', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseOrUndefined(text) });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export function postJson(port: number, path: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(port, path, { body, headers: { 'content-type': 'application/json', ...headers } });
}

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
export const basic = (user: string, password = ''): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
