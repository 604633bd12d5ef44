// The URLs the operator pastes into Segment and the one registered on Mailjet, built from the relay's
// base URL and secrets. Pure. The full callback URL holds the events secret: show only the masked form
// unless the user asked for it on purpose (getConnectionInfo).
import type { ConnectionInfo } from '../../shared/api';
import { maskUrlCredentials } from './secret-masking';

export const MAILJET_EVENTS_PATH = '/mailjet/events';
export const SEGMENT_WEBHOOK_PATH = '/segment';
/** The user name Mailjet sends back as Basic auth; the password is the events secret. */
export const MAILJET_CALLBACK_USER = 'mailjet';

export interface ConnectionInfoInput {
  /** The relay's real listening URL, e.g. http://127.0.0.1:8787. */
  relayUrl: string;
  /** A public base URL (a tunnel) that reaches the relay; wins over relayUrl when set. */
  publicUrl?: string | null;
  relayKey: string;
  eventsSecret: string;
}

/** The base both Segment and Mailjet use: the public URL when set, else the relay URL; no trailing slash. */
export function connectorBaseUrl(relayUrl: string, publicUrl?: string | null): string {
  return (publicUrl && publicUrl.trim() !== '' ? publicUrl.trim() : relayUrl).replace(/\/+$/, '');
}

/** `<base>/mailjet/events` with `mailjet:<events secret>` userinfo (docs/architecture.md#relay-endpoints). */
export function buildMailjetCallbackUrl(baseUrl: string, eventsSecret: string): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${MAILJET_EVENTS_PATH}`);
  url.username = MAILJET_CALLBACK_USER;
  url.password = eventsSecret;
  return url.toString();
}

export function buildConnectionInfo(input: ConnectionInfoInput): ConnectionInfo {
  const base = connectorBaseUrl(input.relayUrl, input.publicUrl);
  return {
    relayKey: input.relayKey,
    segmentWebhookUrl: `${base}${SEGMENT_WEBHOOK_PATH}`,
    trackingApiHost: base,
    mailjetCallbackUrl: buildMailjetCallbackUrl(base, input.eventsSecret),
  };
}

/** The same info with the callback URL's secret masked, for status lines and logs. */
export function maskConnectionInfo(info: ConnectionInfo): Omit<ConnectionInfo, 'relayKey'> {
  return {
    segmentWebhookUrl: info.segmentWebhookUrl,
    trackingApiHost: info.trackingApiHost,
    mailjetCallbackUrl: maskUrlCredentials(info.mailjetCallbackUrl),
  };
}

/**
 * True when `candidate` points at our events endpoint on `baseUrl` (same scheme, host, port and path),
 * whatever secret it carries: a row registered before a rotation is still ours to update.
 */
export function isOurCallbackUrl(candidate: string, baseUrl: string): boolean {
  const ours = parseUrl(`${baseUrl.replace(/\/+$/, '')}${MAILJET_EVENTS_PATH}`);
  const theirs = parseUrl(candidate);
  if (!ours || !theirs) return false;
  return ours.protocol === theirs.protocol && ours.host === theirs.host && trimSlash(ours.pathname) === trimSlash(theirs.pathname);
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}
