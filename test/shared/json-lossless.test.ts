import { JsonSyntaxError, parseJsonLossless } from '../../shared/json-lossless';

describe('parseJsonLossless', () => {
  it.each([
    ['an id above 2^53', '19421777835146491', '19421777835146491'],
    ['a negative id below -2^53', '-9007199254740993', '-9007199254740993'],
    ['the largest safe integer', '9007199254740991', 9007199254740991],
    ['a small integer', '7257', 7257],
    ['a float', '51.52376', 51.52376],
    ['an exponent', '1e3', 1000],
  ])('reads %s exactly', (_label, text, expected) => {
    expect(parseJsonLossless(`{"n":${text}}`)).toEqual({ n: expected });
  });

  it('keeps nested big ids exact inside arrays', () => {
    expect(parseJsonLossless('[{"MessageID":19421777835146491},{"MessageID":1}]')).toEqual([
      { MessageID: '19421777835146491' },
      { MessageID: 1 },
    ]);
  });

  it('keeps the last value of a repeated key, as JSON.parse does', () => {
    expect(parseJsonLossless('{"a":1,"a":2}')).toEqual({ a: 2 });
  });

  it('stores a __proto__ key as data without touching the prototype', () => {
    const value = parseJsonLossless('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a trailing comma', '{"a":1,}'],
    ['an empty body', ''],
    ['plain text', 'hello'],
    ['a truncated array', '[{"event":"open"}'],
    ['hostile nesting', '['.repeat(200_000)],
  ])('refuses %s with code bad_json and a position', (_label, text) => {
    let caught: unknown;
    try {
      parseJsonLossless(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(JsonSyntaxError);
    expect((caught as JsonSyntaxError).code).toBe('bad_json');
    expect((caught as Error).message).toMatch(/not valid JSON/);
  });

  it('names the position of the error', () => {
    expect(() => parseJsonLossless('{"a":1,}')).toThrow(/position 7/);
  });
});
