// Traffic and readings the story needs from outside the UI: identify() through the official Segment
// client, a list deleted the way Mailjet's REST API deletes it, and what each emulator holds.
import { Analytics, type Context } from '@segment/analytics-node';
import type { MailjetEmulator } from '../../../emulators/mailjet/mailjet-emulator';
import type { CallbackRow, EventType } from '../../../emulators/mailjet/store';
import type { SegmentEmulator } from '../../../emulators/segment/segment-emulator';

export interface IdentifyCall {
  userId: string;
  traits: Record<string, unknown>;
}

/** Sends through `@segment/analytics-node` (host = relay, write key = relay key); returns the client's errors. */
export async function identifyThroughRelay(relayUrl: string, relayKey: string, calls: IdentifyCall[]): Promise<string[]> {
  const analytics = new Analytics({ writeKey: relayKey, host: relayUrl, flushAt: calls.length, maxRetries: 2 });
  const outcomes = calls.map(
    (call) => new Promise<string | undefined>((resolve) => analytics.identify(call, (error?: unknown, _ctx?: Context) => resolve(error === undefined ? undefined : String(error)))),
  );
  await analytics.closeAndFlush({ timeout: 10_000 });
  return (await Promise.all(outcomes)).filter((error): error is string => error !== undefined);
}

/** DELETE /v3/REST/contactslist/:id, as the operator would in Mailjet's own UI. */
export async function deleteMailjetList(mailjet: MailjetEmulator, listId: number): Promise<void> {
  const auth = Buffer.from(`${mailjet.apiKey}:${mailjet.secretKey}`).toString('base64');
  const response = await fetch(`${mailjet.url}/v3/REST/contactslist/${listId}`, { method: 'DELETE', headers: { Authorization: `Basic ${auth}` } });
  if (response.status !== 204 && response.status !== 200) throw new Error(`deleting list ${listId} answered ${response.status}`);
}

/** The primary callback row per event type. */
export function callbacksByType(mailjet: MailjetEmulator): Partial<Record<EventType, CallbackRow>> {
  return Object.fromEntries(mailjet.callbacks.filter((row) => !row.IsBackup).map((row) => [row.EventType, row]));
}

/** True for `http://mailjet:<events secret>@<relay host>/mailjet/events`, the URL the app registers. */
export function isRelayCallback(url: string, relayUrl: string, eventsSecret: string): boolean {
  const parsed = new URL(url);
  return parsed.host === new URL(relayUrl).host && parsed.pathname === '/mailjet/events' && parsed.username === 'mailjet' && decodeURIComponent(parsed.password) === eventsSecret;
}

export interface ReceivedTrack {
  event: string;
  anonymousId?: string;
  userId?: string;
  properties: Record<string, unknown>;
  context?: Record<string, unknown>;
}

/** Track calls the Segment emulator accepted, in arrival order. */
export function sentTracks(segment: SegmentEmulator): ReceivedTrack[] {
  return segment.received.filter((message) => message.type === 'track').map((message) => message.message as unknown as ReceivedTrack);
}
