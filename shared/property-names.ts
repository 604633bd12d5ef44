// Turns a trait key (or a flattened trait path) into a Mailjet contact property name.
// Pure and total: it never throws and never decides what to drop; callers handle empty names and collisions.

const DISALLOWED = /[^A-Za-z0-9_]/gu;

/** Keeps `[A-Za-z0-9_]` and turns every other character (one per code point) into `_`. */
export function sanitizePropertyName(name: string): string {
  // The `u` flag makes an emoji (two UTF-16 units) one `_`, as a person would count it.
  return name.replace(DISALLOWED, '_');
}
