// The one redaction point: every log line (and any text about to leave the process for a person) passes
// through redactSecrets. It must never return a registered secret, an Authorization value or a URL password.

const MASK = '***';
const MIN_SECRET_LENGTH = 4;
const registered = new Set<string>();
/** `registered`, longest first (so a secret that contains another is masked whole); rebuilt when it changes. */
let longestFirst: string[] | undefined;
/** Bumped whenever the registered secrets change, so memos of redacted text know to forget. */
let generation = 0;

function secretsLongestFirst(): string[] {
  longestFirst ??= [...registered].sort((a, b) => b.length - a.length);
  return longestFirst;
}

/** Adds a known secret (API key, write key, relay key, events secret…) to scrub anywhere it appears. */
export function registerSecret(value: string | undefined | null): void {
  // Very short values would mask ordinary words; real keys are far longer.
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
  longestFirst = undefined;
  generation += 1;
  registered.add(value);
  // The same secret as it appears inside JSON text or a URL.
  registered.add(JSON.stringify(value).slice(1, -1));
  registered.add(encodeURIComponent(value));
}

export function addSecrets(values: Iterable<string | undefined | null>): void {
  for (const value of values) registerSecret(value);
}

/** Forgets every registered secret (after a rotation, and between tests). */
export function clearSecrets(): void {
  longestFirst = undefined;
  generation += 1;
  registered.clear();
}

/**
 * Masks the registered secrets (and `extra` ones) in text that is stored as written, such as an inbound
 * payload: it is the sender's data, so only known secrets go, never values that merely look secret.
 */
export function maskKnownSecrets(text: string, extra: Iterable<string | undefined> = []): string {
  let out = text;
  const secrets = new Set(registered);
  for (const value of extra) if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/** Object keys whose values are always secret, wherever they appear. */
const SECRET_KEY =
  /^(?:authorization|proxy-authorization|cookie|set-cookie|x-signature|.*(?:secret|password|passwd|token|api[-_]?key|write[-_]?key|relay[-_]?key|private[-_]?key).*)$/i;

/** A query parameter whose name says it holds a credential (token, key, secret, password, sig, auth…), with its value. */
const SECRET_QUERY_VALUE = /([?&][\w.~-]*(?:key|token|secret|signature|sig|password|passwd|pwd|auth|credential)[\w.~-]*=)[^&\s"'#<>]+/gi;

/** Masks the values of credential-like query parameters in a URL or in text holding URLs. */
export function maskQuerySecrets(text: string): string {
  return text.replace(SECRET_QUERY_VALUE, `$1${MASK}`);
}

const TEXT_RULES: ReadonlyArray<[RegExp, string]> = [
  // URL userinfo: https://user:pass@host -> https://user:***@host; https://token@host -> https://***@host.
  [/([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#"'\\]*):([^\s@/?#"'\\]*)@/gi, `$1$2:${MASK}@`],
  [/([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#"'\\]+)@/gi, `$1${MASK}@`],
  // "authorization":"Basic abc" and friends inside JSON text.
  [
    /("(?:authorization|proxy-authorization|cookie|set-cookie|x-signature|[^"]*(?:secret|password|passwd|token|api[-_]?key|write[-_]?key|relay[-_]?key|private[-_]?key)[^"]*)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
    `$1"${MASK}"`,
  ],
  // Authorization: Bearer abc in free text (headers dumped as text, error messages).
  [/\b((?:proxy-)?authorization\s*[:=]\s*)(?:(bearer|basic|digest|token)\s+)?[^\s"',;}]+/gi, `$1$2 ${MASK}`],
  // Secrets carried in query strings of callback and webhook URLs.
  [SECRET_QUERY_VALUE, `$1${MASK}`],
];

function redactText(text: string): string {
  let out = text;
  for (const secret of secretsLongestFirst()) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  // `$2` is empty when no scheme word preceded the value: tidy "Authorization:  ***".
  return out.replace(/(authorization\s*[:=]\s*) \*\*\*/gi, `$1${MASK}`);
}

/**
 * redactSecrets for short strings that repeat (a sender's User-Agent and Host on every request), remembered
 * up to `limit` distinct inputs. It forgets everything when a secret is registered or cleared, so it never
 * returns text redacted under an older set of secrets.
 */
export function createRedactionMemo(limit = 256): (text: string) => string {
  const memo = new Map<string, string>();
  let memoGeneration = generation;
  return (text) => {
    if (memoGeneration !== generation || memo.size >= limit) {
      memo.clear();
      memoGeneration = generation;
    }
    let redacted = memo.get(text);
    if (redacted === undefined) {
      redacted = redactText(text);
      memo.set(text, redacted);
    }
    return redacted;
  };
}

/** Returns a copy of `value` with every secret masked: strings, nested objects, arrays and errors. */
export function redactSecrets<T>(value: T): T {
  return redactValue(value, new WeakSet()) as T;
}

function redactValue(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, seen));
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactText(value.stack);
    for (const [k, v] of Object.entries(value)) (copy as unknown as Record<string, unknown>)[k] = redactEntry(k, v, seen);
    return copy;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactEntry(k, v, seen);
  return out;
}

function redactEntry(key: string, value: unknown, seen: WeakSet<object>): unknown {
  if (SECRET_KEY.test(key) && value !== undefined && value !== null && typeof value !== 'object') return MASK;
  if (SECRET_KEY.test(key) && Array.isArray(value)) return value.map(() => MASK);
  return redactValue(value, seen);
}
