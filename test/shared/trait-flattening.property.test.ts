import fc from 'fast-check';
import { flattenTraits, MAX_TRAIT_DEPTH, type FlattenMode } from '../../shared/trait-flattening';

const MODES: FlattenMode[] = ['documented', 'deep'];

// Trait keys drawn to hit sanitizing and collisions: dots, dashes, unicode, empty, lookalikes.
const traitKey = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom('a', 'a_b', 'a-b', 'a.b', 'location', 'latitude', 'email', 'name', '', 'é', '__proto__'),
);
const jsonTraits = fc.dictionary(traitKey, fc.jsonValue({ maxDepth: 4 }), { maxKeys: 8 });

/** Every leaf (scalar or null) of the traits, by the dotted path the flattener reports. */
function leafPaths(value: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(value)) value.forEach((item, i) => leafPaths(item, `${path}.${i}`, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, sub] of Object.entries(value)) leafPaths(sub, `${path}.${key}`, out);
  } else out.push(path);
  return out;
}

const covers = (path: string, leaf: string): boolean => leaf === path || leaf.startsWith(`${path}.`);

describe.each(MODES)('flattenTraits properties (%s)', (mode) => {
  it('never throws and never emits a nested value, whatever it is given', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (traits) => {
        const { values } = flattenTraits(traits, mode);
        for (const { value } of values) expect(['string', 'number', 'boolean']).toContain(typeof value);
      }),
      { numRuns: 300 },
    );
  });

  it('emits finite scalars under unique sanitized names', () => {
    fc.assert(
      fc.property(jsonTraits, (traits) => {
        const { values } = flattenTraits(traits, mode);
        const names = values.map((v) => v.name);
        expect(new Set(names).size).toBe(names.length);
        for (const { name, value } of values) {
          expect(name).toMatch(/^[A-Za-z0-9_]+$/);
          if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('accounts for every leaf: emitted, or under a reported dropped path', () => {
    fc.assert(
      fc.property(jsonTraits, (traits) => {
        const { values, dropped } = flattenTraits(traits, mode);
        const accounted = [...values.map((v) => v.path), ...dropped.map((d) => d.path)];
        for (const [key, value] of Object.entries(traits)) {
          for (const leaf of leafPaths(value, key, [])) {
            expect(accounted.some((path) => covers(path, leaf)), `leaf ${JSON.stringify(leaf)}`).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reports every drop with a path and a reason', () => {
    fc.assert(
      fc.property(jsonTraits, (traits) => {
        for (const { path, reason } of flattenTraits(traits, mode).dropped) {
          expect(typeof path).toBe('string');
          expect(reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('deep flattening never recurses without bound', () => {
  it(`handles nesting far beyond ${MAX_TRAIT_DEPTH} levels`, () => {
    let nested: unknown = 'leaf';
    for (let i = 0; i < 10_000; i += 1) nested = i % 2 === 0 ? { k: nested } : [nested];
    expect(() => flattenTraits({ deep: nested }, 'deep')).not.toThrow();
  });
});
