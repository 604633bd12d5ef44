// Which failed items a retry can help (docs/architecture.md "Delivery rules"): an item that is itself the
// problem (above Segment's 32 KB per call, unreadable) fails the same way every time, so Retry is not
// offered for it; keys, selections, lists, refused values and outages can be fixed, so those are.

/** Reasons the workers write for a failure that no retry can change. */
const PERMANENT_REASONS: readonly RegExp[] = [
  /cannot be sent/i,
  /cannot be forwarded/i,
  /could not be read back/i,
];

export function isRetryable(reason: string | null | undefined): boolean {
  if (reason === null || reason === undefined) return true;
  return !PERMANENT_REASONS.some((pattern) => pattern.test(reason));
}
