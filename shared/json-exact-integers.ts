// The fast path of parseJsonLossless: one scan of the JSON text that wraps each integer literal too big
// to be exact as a number (a Mailjet MessageID) in quotes, so plain JSON.parse returns its exact digits.
// It was the largest CPU cost of grouped ingest (`npm run bench`, docs/benchmarks.md#profiles). Pure.
import { isInteger, isSafeNumber } from 'lossless-json';

/** Deeper than this, the full parser decides (it refuses hostile nesting with a clear error). */
const MAX_FAST_DEPTH = 512;
/** 2^53 has 16 digits: a shorter integer literal is always exact as a number. */
const SHORTEST_INEXACT_DIGITS = 16;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

export interface ExactIntegerOptions {
  /** Give up (undefined) at a whole number written as a decimal (`4.0`, `1e3`): only the full parser keeps it. */
  stopAtDecimalLiterals: boolean;
}

/**
 * The text with every inexact integer literal quoted, or undefined when only the full parser can read it
 * the same way: nesting deeper than MAX_FAST_DEPTH, a decimal literal the caller wants kept, or text that
 * is not JSON (the full parser then gives the error message).
 */
export function quoteInexactIntegers(text: string, options: ExactIntegerOptions): string | undefined {
  let out = '';
  let copied = 0;
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = closingQuote(text, i);
      if (end === -1) return undefined;
      i = end + 1;
    } else if (isDigit(code) || code === MINUS) {
      const end = numberEnd(text, i);
      const literal = text.slice(i, end);
      if (isInteger(literal)) {
        if (end - i >= SHORTEST_INEXACT_DIGITS && !isSafeNumber(literal)) {
          out += `${text.slice(copied, i)}"${literal}"`;
          copied = end;
        }
      } else if (options.stopAtDecimalLiterals && Number.isInteger(Number(literal))) {
        return undefined;
      }
      i = end;
    } else {
      if (code === OPEN_BRACE || code === OPEN_BRACKET) depth += 1;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth -= 1;
      if (depth > MAX_FAST_DEPTH) return undefined;
      i += 1;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Index of the quote that closes the string opening at `start`, or -1. */
function closingQuote(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

/** End of the number token at `start`: digits, sign, fraction and exponent characters. */
function numberEnd(text: string, start: number): number {
  let end = start + 1;
  while (end < text.length && isNumberChar(text.charCodeAt(end))) end += 1;
  return end;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Digits, `.`, `e`/`E`, `+` and `-`: whatever follows is structure or whitespace. */
function isNumberChar(code: number): boolean {
  return isDigit(code) || code === 0x2e || code === 0x65 || code === 0x45 || code === 0x2b || code === MINUS;
}
