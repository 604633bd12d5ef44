// The source function's check of Mailjet's `Authorization: Basic base64(mailjet:<events secret>)`, the
// same rule as the relay's. Compares SHA-256 digests in constant time; never echoes or logs a secret.
import { sha256 } from '@noble/hashes/sha2.js';
import { binaryStringToBytes, utf8Bytes } from './utf8-bytes';

const BASIC = /^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i;

/** Same time whatever the inputs' lengths or contents: both sides are hashed, then every byte is compared. */
function equalDigests(left: Uint8Array, right: Uint8Array): boolean {
  const a = sha256(left);
  const b = sha256(right);
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

/** The decoded `user:password` bytes of a Basic header, or undefined when it is not Basic or not base64. */
function basicCredentialBytes(authorization: string | null | undefined, atob: (base64: string) => string): Uint8Array | undefined {
  const token = BASIC.exec(authorization ?? '')?.[1];
  if (token === undefined) return undefined;
  try {
    return binaryStringToBytes(atob(token.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return undefined;
  }
}

/** True when the header carries exactly `mailjet:<eventsSecret>` (user and password as UTF-8). */
export function isMailjetCallbackAuthorized(
  authorization: string | null | undefined,
  eventsSecret: string,
  atob: (base64: string) => string,
): boolean {
  const presented = basicCredentialBytes(authorization, atob) ?? new Uint8Array(0);
  const matches = equalDigests(presented, utf8Bytes(`mailjet:${eventsSecret}`));
  return matches && eventsSecret !== '';
}
