// Traits as real senders write them: `4.0` from analytics-python (a float by its literal), traits only
// in context.traits (RudderStack), hostile key names, and a UTF-8 BOM in front of the body.
import { mapIdentifyToContact } from '../../shared/identify-to-contact';
import { parseJsonLossless, stringifyJsonLossless } from '../../shared/json-lossless';

const NONE = new Map<never, never>();
const parse = (text: string) => parseJsonLossless(text, { keepDecimalLiterals: true }) as Record<string, unknown>;
const map = (text: string, known: ReadonlyMap<string, 'str' | 'int' | 'float' | 'bool' | 'datetime'> = NONE) =>
  mapIdentifyToContact(parse(text), { flatten: 'documented', knownProperties: known });

describe('types from the literal', () => {
  it.each([
    ['4.0', 4, 'float'],
    ['12.00', 12, 'float'],
    ['1e3', 1000, 'float'],
    ['-2.0E1', -20, 'float'],
    ['4.5', 4.5, 'float'],
    ['4', 4, 'int'],
  ])('a first value written %s (value %s) becomes a %s property', (literal, value, datatype) => {
    const mapping = map(`{"userId":"u1","traits":{"email":"a@example.com","score":${literal}}}`);
    expect(mapping.properties).toEqual({ score: value });
    expect(mapping.newProperties).toEqual([{ name: 'score', datatype }]);
  });

  it('so a later 4.5 fits the float property that 4.0 created, instead of being dropped', () => {
    const first = map('{"userId":"u1","traits":{"email":"a@example.com","score":4.0}}');
    const known = new Map(first.newProperties.map((p) => [p.name, p.datatype]));
    const later = map('{"userId":"u1","traits":{"email":"a@example.com","score":4.5}}', known);
    expect(later.properties).toEqual({ score: 4.5 });
    expect(later.dropped).toEqual([]);
  });

  it('keeps the literal through storage: stringifyJsonLossless writes 4.0 back as 4.0, other values as JSON.stringify does', () => {
    const text = '{"traits":{"score":4.0,"ratio":0.5,"n":3,"s":"4.0"}}';
    expect(stringifyJsonLossless(parse(text))).toBe(text);
    expect(stringifyJsonLossless(parse('{"a":1}'))).toBe(JSON.stringify({ a: 1 }));
  });

  it('joins a deep array with the literal as written', () => {
    const mapping = mapIdentifyToContact(parse('{"traits":{"email":"a@example.com","sizes":[4.0,4.5]}}'), { flatten: 'deep', knownProperties: NONE });
    expect(mapping.properties).toEqual({ sizes: '4.0, 4.5' });
  });
});

describe('traits in context.traits', () => {
  it('uses traits that are only in context.traits', () => {
    const mapping = map('{"userId":"u1","context":{"traits":{"email":"ctx@example.com","plan":"pro","firstName":"Ada"}}}');
    expect(mapping).toMatchObject({ email: 'ctx@example.com', name: 'Ada', properties: { plan: 'pro', firstName: 'Ada' } });
  });

  it('merges both, the top-level traits winning on conflicts', () => {
    const mapping = map('{"userId":"u1","traits":{"email":"top@example.com","plan":"enterprise"},"context":{"traits":{"email":"ctx@example.com","plan":"pro","city":"Paris"}}}');
    expect(mapping.email).toBe('top@example.com');
    expect(mapping.properties).toEqual({ plan: 'enterprise', city: 'Paris' });
  });
});

describe('hostile trait names', () => {
  it.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '__defineGetter__'])('delivers a trait named %s as an ordinary property', (key) => {
    const mapping = map(`{"userId":"u1","traits":{"email":"a@example.com","${key}":"value-of-${key}"}}`);
    expect(Object.keys(mapping.properties)).toEqual([key]);
    expect(Object.getOwnPropertyDescriptor(mapping.properties, key)?.value).toBe(`value-of-${key}`);
    expect(Object.getPrototypeOf(mapping.properties)).toBe(Object.prototype);
    expect(JSON.stringify(mapping.properties)).toBe(`{"${key}":"value-of-${key}"}`);
  });

  it('splits a __proto__ object like any other one-level object', () => {
    const mapping = map('{"userId":"u1","traits":{"email":"a@example.com","__proto__":{"polluted":true}}}');
    expect(mapping.properties).toEqual({ ['__proto___polluted']: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

it('ignores a UTF-8 byte order mark, as the relay does', () => {
  expect(parseJsonLossless('\uFEFF{"traits":{"email":"bom@example.com"}}')).toEqual({ traits: { email: 'bom@example.com' } });
});
