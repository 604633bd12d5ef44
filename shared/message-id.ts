// The stable Segment messageId of a Mailjet event: the same event posted twice gets the same id, so
// Segment drops the re-delivery (docs/architecture.md#event-to-track). Pure; never random, never clock-based.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { MailjetEvent } from './mailjet-event';

/** Hex SHA-256 of UTF-8 text. The relay passes node:crypto's (native, a fifth of the CPU); a Segment Function bundle uses this one. */
export type Sha256Hex = (text: string) => string;

export const portableSha256Hex: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/** `mj-` + 64 hex characters (67 in all, under Segment's 100). */
export function messageIdFor(event: MailjetEvent, sha256Hex: Sha256Hex = portableSha256Hex): string {
  const url = typeof event.url === 'string' ? event.url : '';
  // A JSON array keeps field boundaries unambiguous ("a|b" + "c" never equals "a" + "b|c").
  const identity = JSON.stringify([event.event, event.MessageID, event.time, url, event.email]);
  return `mj-${sha256Hex(identity)}`;
}
