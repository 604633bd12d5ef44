// JSON parsing that never corrupts big integers: Mailjet's MessageID is often above 2^53, and plain
// JSON.parse would silently round it. Pure (bundles into a Segment Function); never evaluates input.
import { isInteger, isSafeNumber, parse } from 'lossless-json';

export class JsonSyntaxError extends Error {
  readonly code = 'bad_json' as const;
  constructor(detail: string) {
    super(`The body is not valid JSON: ${detail}. Send one JSON object or array.`);
    this.name = 'JsonSyntaxError';
  }
}

/** Integers outside the safe range become strings of their exact digits; other numbers stay numbers. */
function parseNumberExactly(digits: string): number | string {
  if (isInteger(digits) && !isSafeNumber(digits)) return digits;
  return Number(digits);
}

export function parseJsonLossless(text: string): unknown {
  try {
    return parse(text, null, {
      parseNumber: parseNumberExactly,
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
