import { sanitizePropertyName } from '../../shared/property-names';

describe('sanitizePropertyName keeps [A-Za-z0-9_] and turns everything else into _', () => {
  it.each([
    ['first_name', 'first_name'],
    ['firstName', 'firstName'],
    ['plan tier', 'plan_tier'],
    ['a-b', 'a_b'],
    ['utm.source', 'utm_source'],
    ['prénom', 'pr_nom'],
    ['名前', '__'],
    ['🎉party', '_party'], // one code point, one underscore
    ['2fa_enabled', '2fa_enabled'],
    ['', ''],
    ['$ref', '_ref'],
  ])('%j -> %j', (input, expected) => {
    expect(sanitizePropertyName(input)).toBe(expected);
  });
});
