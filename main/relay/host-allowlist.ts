// The relay's Host header check (docs/architecture.md#security-rules): it defeats DNS rebinding by accepting
// only loopback names on the relay's own port, or the configured public URL's host. Pure.
import { isLoopbackHost } from '../config/relay-config';

export interface HostRule {
  /** The port the relay really listens on. */
  port: number;
  /** The configured public URL (a tunnel), or null. */
  publicUrl: string | null;
}

export function isHostAllowed(hostHeader: string | undefined, rule: HostRule): boolean {
  if (hostHeader === undefined) return false;
  const host = parseHostHeader(hostHeader);
  if (host === undefined) return false;
  if (isLoopbackHost(host.name) && host.port === rule.port) return true;
  return rule.publicUrl !== null && sameHost(host, rule.publicUrl);
}

interface ParsedHost {
  name: string;
  /** The header's port, or 80 when it names none. */
  port: number;
  explicitPort: boolean;
}

function parseHostHeader(header: string): ParsedHost | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match || match[1] === undefined) return undefined;
  const port = match[2] === undefined ? 80 : Number(match[2]);
  return { name: match[1].toLowerCase(), port, explicitPort: match[2] !== undefined };
}

function sameHost(host: ParsedHost, publicUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return false;
  }
  if (url.hostname.toLowerCase() !== host.name) return false;
  // A tunnel may forward the public host with or without its (default) port.
  const publicPort = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return !host.explicitPort || host.port === publicPort;
}
