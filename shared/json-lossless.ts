// JSON parsing that never corrupts big integers: Mailjet's MessageID is often above 2^53, and plain
// JSON.parse would silently round it. Pure (bundles into a Segment Function); never evaluates input.
import { isInteger, isLosslessNumber, isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json';
import { quoteInexactIntegers } from './json-exact-integers';

export class JsonSyntaxError extends Error {
  readonly code = 'bad_json' as const;
  constructor(detail: string) {
    super(`The body is not valid JSON: ${detail}. Send one JSON object or array.`);
    this.name = 'JsonSyntaxError';
  }
}

export interface LosslessParseOptions {
  /**
   * Keep a whole number written with a decimal point or exponent (`4.0`, `12.00`, `1e3`) as a
   * DecimalLiteral, so type inference can tell the sender meant a float
   * (docs/mailjet-segment-contracts.md#segment-clients). Other numbers are plain numbers either way.
   */
  keepDecimalLiterals?: boolean;
}

/** A whole number written as a decimal (`4.0`): its `value` is the literal text. Read it with decimalLiteralValue. */
export type DecimalLiteral = LosslessNumber;

export function isDecimalLiteral(value: unknown): value is DecimalLiteral {
  return isLosslessNumber(value);
}

export function decimalLiteralValue(literal: DecimalLiteral): number {
  return Number(literal.value);
}

/** Integers outside the safe range become strings of their exact digits; other numbers stay numbers. */
function parseNumberExactly(digits: string): number | string {
  if (isInteger(digits) && !isSafeNumber(digits)) return digits;
  return Number(digits);
}

function parseNumberKeepingLiterals(digits: string): number | string | DecimalLiteral {
  if (isInteger(digits)) return isSafeNumber(digits) ? Number(digits) : digits;
  const value = Number(digits);
  return Number.isInteger(value) ? new LosslessNumber(digits) : value;
}

/** Parses JSON text (a leading UTF-8 byte order mark is ignored, as the relay does). */
export function parseJsonLossless(text: string, options: LosslessParseOptions = {}): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const keepDecimalLiterals = options.keepDecimalLiterals === true;
  // Fast path: the native parser on the text with inexact integers quoted; same values, a quarter of the CPU.
  const quoted = quoteInexactIntegers(body, { stopAtDecimalLiterals: keepDecimalLiterals });
  if (quoted !== undefined) {
    try {
      return JSON.parse(quoted) as unknown;
    } catch {
      // Not JSON: the full parser below words the error, with its position.
    }
  }
  return parseJsonLosslessFully(body, options);
}

/** The full parser (lossless-json) alone: the reference the fast path is tested against, and its error words. */
export function parseJsonLosslessFully(text: string, options: LosslessParseOptions = {}): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return parse(body, null, {
      parseNumber: options.keepDecimalLiterals === true ? parseNumberKeepingLiterals : parseNumberExactly,
      // Same as JSON.parse: a repeated key keeps its last value instead of failing the whole body.
      onDuplicateKey: ({ newValue }) => newValue,
    });
  } catch (error) {
    if (error instanceof SyntaxError) throw new JsonSyntaxError(error.message);
    // The parser recurses per nesting level; hostile input can exhaust the stack.
    if (error instanceof RangeError) throw new JsonSyntaxError('it is nested too deeply');
    throw error;
  }
}

/** JSON text of a parsed value, writing each DecimalLiteral back as it was written (`4.0` stays `4.0`). */
export function stringifyJsonLossless(value: unknown): string {
  let keptLiteral = false;
  const plain = JSON.stringify(value, (_key, item: unknown) => {
    if (isDecimalLiteral(item)) keptLiteral = true;
    return item;
  }) as string | undefined;
  if (!keptLiteral) return plain ?? 'null';
  return stringify(value) ?? 'null';
}
