// The stable Segment messageId of a Mailjet event: the same event posted twice gets the same id, so
// Segment drops the re-delivery (docs/architecture.md#event-to-track). Pure; never random, never clock-based.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { MailjetEvent } from './mailjet-event';

/** `mj-` + 64 hex characters (67 in all, under Segment's 100). */
export function messageIdFor(event: MailjetEvent): string {
  const url = typeof event.url === 'string' ? event.url : '';
  // A JSON array keeps field boundaries unambiguous ("a|b" + "c" never equals "a" + "b|c").
  const identity = JSON.stringify([event.event, event.MessageID, event.time, url, event.email]);
  return `mj-${bytesToHex(sha256(utf8ToBytes(identity)))}`;
}
