import { coerceToDataType, inferDataType, isIsoDateTime, type MailjetDataType, type PropertyValue } from '../../shared/property-types';

describe('inferDataType: the type a new Mailjet property gets from its first value', () => {
  it.each<[PropertyValue, MailjetDataType]>([
    [true, 'bool'],
    [false, 'bool'],
    [0, 'int'],
    [-42, 'int'],
    [Number.MAX_SAFE_INTEGER, 'int'],
    [2 ** 53, 'float'], // beyond safe integers
    [3.5, 'float'],
    [51.52376, 'float'],
    ['2024-02-29T13:05:00Z', 'datetime'],
    ['2024-02-29T13:05:00.123+02:00', 'datetime'],
    ['2024-02-29T13:05', 'datetime'],
    ['2023-02-29T13:05:00Z', 'str'], // no 29 February in 2023
    ['2024-13-01T00:00:00Z', 'str'],
    ['2024-01-01T24:00:00Z', 'str'],
    ['2024-01-01', 'str'], // a date, not a date-time
    ['42', 'str'],
    ['true', 'str'],
    ['19421777835146491', 'str'], // big integers arrive as exact digit strings
    ['', 'str'],
    ['Sherlock', 'str'],
  ])('%j -> %s', (value, type) => {
    expect(inferDataType(value)).toBe(type);
  });
});

describe('coerceToDataType: fitting a value into an existing property only when nothing is lost', () => {
  it.each<[PropertyValue, MailjetDataType, PropertyValue]>([
    ['42', 'int', 42],
    ['-7', 'int', -7],
    [42, 'int', 42],
    [42, 'str', '42'],
    [3.25, 'str', '3.25'],
    [true, 'str', 'true'],
    ['plain', 'str', 'plain'],
    ['true', 'bool', true],
    ['false', 'bool', false],
    [false, 'bool', false],
    [3, 'float', 3],
    ['3.10', 'float', 3.1],
    ['0.001', 'float', 0.001],
    ['1e21', 'float', 1e21],
    ['-51.52376', 'float', -51.52376],
    ['2024-02-29T13:05:00Z', 'datetime', '2024-02-29T13:05:00Z'],
    ['1990-05-17', 'datetime', '1990-05-17T00:00:00Z'],
  ])('%j into %s -> %j', (value, type, expected) => {
    expect(coerceToDataType(value, type)).toEqual({ ok: true, value: expected });
  });

  it.each<[PropertyValue, MailjetDataType]>([
    [3.5, 'int'],
    ['3.5', 'int'],
    ['007', 'int'], // leading zeros would be lost
    ['19421777835146491', 'int'], // beyond 2^53: digits would be lost
    [2 ** 60, 'int'],
    ['forty-two', 'int'],
    [true, 'int'],
    ['0.1000000000000000000001', 'float'], // more digits than a double keeps
    ['abc', 'float'],
    ['Infinity', 'float'],
    [true, 'float'],
    ['yes', 'bool'],
    ['TRUE', 'bool'],
    [1, 'bool'],
    [1700000000, 'datetime'], // seconds or milliseconds? refuse to guess
    ['last tuesday', 'datetime'],
    ['2023-02-29', 'datetime'],
    [false, 'datetime'],
  ])('%j into %s is refused with a reason', (value, type) => {
    const result = coerceToDataType(value, type);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/\w/);
  });
});

describe('isIsoDateTime', () => {
  it.each(['2024-01-01T00:00:00Z', '2024-01-01T00:00:00+0100', '2000-02-29T23:59:59.999999Z'])('accepts %s', (text) => {
    expect(isIsoDateTime(text)).toBe(true);
  });
  it.each(['1900-02-29T00:00:00Z', '2024-01-01 00:00:00', '2024-01-01T00:60:00Z', 'T12:00'])('refuses %s', (text) => {
    expect(isIsoDateTime(text)).toBe(false);
  });
});
