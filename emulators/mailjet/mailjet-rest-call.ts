// A bare fetch-based Mailjet REST call for the emulator's own tests, so they see raw statuses and bodies.
// It never parses numbers lossily on purpose: `text` keeps the exact JSON the emulator wrote.
import type { MailjetEmulator } from './mailjet-emulator.js';

export interface RestReply {
  status: number;
  text: string;
  json: { Count?: number; Total?: number; Data?: Record<string, unknown>[]; ErrorInfo?: unknown; ErrorMessage?: string; StatusCode?: number };
  headers: Headers;
}

export async function callMailjet(
  emulator: Pick<MailjetEmulator, 'url' | 'apiKey' | 'secretKey'>,
  method: string,
  path: string,
  body?: unknown,
  credentials = `${emulator.apiKey}:${emulator.secretKey}`,
): Promise<RestReply> {
  const response = await fetch(`${emulator.url}/v3/REST/${path}`, {
    method,
    headers: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text === '' || !text.startsWith('{') ? {} : (JSON.parse(text) as RestReply['json']), headers: response.headers };
}
