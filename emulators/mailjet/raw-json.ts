// JSON text with bigint fields written as raw numbers, the way Mailjet writes MessageID (often above 2^53).
// It must never route such a value through a JS number, which would silently round it.

const bigintMarker = '\u0000mj-bigint:';
const markedBigint = /"\\u0000mj-bigint:(-?\d+)"/g;

export function stringifyWithBigInts(value: unknown): string {
  const text = JSON.stringify(value, (_key, field: unknown) =>
    typeof field === 'bigint' ? `${bigintMarker}${field.toString()}` : field,
  );
  return text.replace(markedBigint, '$1');
}
