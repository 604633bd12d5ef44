import fc from 'fast-check';
import { quoteInexactIntegers } from '../../shared/json-exact-integers';
import { parseJsonLossless, parseJsonLosslessFully } from '../../shared/json-lossless';

// JSON texts built to hit the fast path's edges: integers either side of 2^53, decimal literals that are
// whole (4.0, 1e3), digit runs and escaped quotes inside strings, __proto__ and repeated keys, whitespace.
const integerLiteral = fc.oneof(
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
  fc.constantFrom('9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740993', '10000000000000000000000', '0', '-0'),
);
const otherNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String).filter((text) => !text.includes('Infinity')),
  fc.constantFrom('4.0', '12.00', '1e3', '1E+2', '-2.5e-3', '9007199254740993.0', '0.1', '1e400'),
);
const stringLiteral = fc.oneof(
  fc.string({ maxLength: 12 }).map((text) => JSON.stringify(text)),
  fc.constantFrom('"12345678901234567890"', '"a\\"19421777835146490"', '"\\\\"', '"\\\\\\"x"', '"\\u0022"'),
);
const key = fc.oneof(stringLiteral, fc.constantFrom('"__proto__"', '"MessageID"', '"a"'));
const space = fc.constantFrom('', ' ', '\n', '\t ');
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    integerLiteral,
    otherNumber,
    stringLiteral,
    fc.constantFrom('true', 'false', 'null'),
    fc.array(fc.tuple(space, tie('value')), { maxLength: 5 }).map((items) => `[${items.map(([s, v]) => `${s}${v}`).join(',')}]`),
    fc.array(fc.tuple(key, space, tie('value')), { maxLength: 5 }).map((entries) => `{${entries.map(([k, s, v]) => `${k}:${s}${v}`).join(',')}}`),
  ),
})).value;

describe('quoteInexactIntegers (the fast path of parseJsonLossless)', () => {
  it.each([false, true])('parses every JSON text exactly as the full parser does (keepDecimalLiterals %s)', (keepDecimalLiterals) => {
    fc.assert(
      fc.property(jsonText, (text) => {
        expect(parseJsonLossless(text, { keepDecimalLiterals })).toStrictEqual(parseJsonLosslessFully(text, { keepDecimalLiterals }));
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives the same error as the full parser for text that is not JSON', () => {
    fc.assert(
      fc.property(jsonText, fc.nat(), fc.constantFrom('', '}', ',', '"', 'x'), (text, at, junk) => {
        const broken = text.slice(0, at % (text.length + 1)) + junk;
        let full: unknown;
        try {
          parseJsonLosslessFully(broken);
        } catch (error) {
          full = error;
        }
        if (full === undefined) expect(parseJsonLossless(broken)).toStrictEqual(parseJsonLosslessFully(broken));
        else expect(() => parseJsonLossless(broken)).toThrow((full as Error).message);
      }),
      { numRuns: 1_000 },
    );
  });

  it('quotes only the integer literals a number cannot hold, never digits inside strings', () => {
    const text = '{"MessageID":19421777835146490,"id":42,"CustomID":"19421777835146490","max":9007199254740991,"esc":"\\"1","n":-19421777835146490}';
    expect(quoteInexactIntegers(text, { stopAtDecimalLiterals: false })).toBe(
      '{"MessageID":"19421777835146490","id":42,"CustomID":"19421777835146490","max":9007199254740991,"esc":"\\"1","n":"-19421777835146490"}',
    );
  });

  it('leaves whole decimal literals and hostile nesting to the full parser', () => {
    expect(quoteInexactIntegers('{"count":4.0}', { stopAtDecimalLiterals: true })).toBeUndefined();
    expect(quoteInexactIntegers('{"count":4.0}', { stopAtDecimalLiterals: false })).toBe('{"count":4.0}');
    expect(quoteInexactIntegers(`${'['.repeat(600)}${']'.repeat(600)}`, { stopAtDecimalLiterals: false })).toBeUndefined();
  });
});
