// The relay's answer to a public URL proof: HMAC-SHA256 of the caller's one-time nonce under a key made
// fresh for each process, so only this running relay can produce it. It reveals nothing else.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A nonce is URL-safe text, long enough to be unguessable and short enough to stay cheap. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export interface HealthProof {
  /** What GET /healthz?nonce=… answers as `proof`. */
  answer(nonce: string): string;
  /** True when `proof` is this process's answer to `nonce` (constant-time compare). */
  verify(nonce: string, proof: string): boolean;
}

export function createHealthProof(key: Buffer = randomBytes(32)): HealthProof {
  // Domain-separated, so a proof can never double as the relay's X-Signature (HMAC-SHA1 over a body).
  const answer = (nonce: string): string => createHmac('sha256', key).update(`mjsc-healthz-proof:${nonce}`).digest('base64url');
  return {
    answer,
    verify(nonce, proof) {
      const expected = Buffer.from(answer(nonce));
      const given = Buffer.from(proof);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

/** One per process: the relay answers with it and the connector service checks with it. */
export const processHealthProof: HealthProof = createHealthProof();
