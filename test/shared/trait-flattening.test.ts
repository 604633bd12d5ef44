import { runInNewContext } from 'node:vm';
import { flattenTraits, MAX_TRAIT_DEPTH, type FlattenMode } from '../../shared/trait-flattening';

const asProperties = (traits: Record<string, unknown>, mode: FlattenMode) =>
  Object.fromEntries(flattenTraits(traits, mode).values.map((v) => [v.name, v.value]));
const droppedPaths = (traits: Record<string, unknown>, mode: FlattenMode) =>
  flattenTraits(traits, mode).dropped.map((d) => d.path);

const sherlock = {
  first_name: 'Sherlock',
  last_name: 'Holmes',
  location: { latitude: 51.52376, longitude: -0.158459 },
  address: { city: 'London', street: { name: 'Baker Street', number: '221B' } },
};

describe('documented flattening (what Mailjet documents)', () => {
  it('splits the guide\'s location into location_latitude and location_longitude', () => {
    const traits = { location: { latitude: 48.87347532650291, longitude: 2.371577412596885 } };
    expect(flattenTraits(traits, 'documented')).toEqual({
      values: [
        { name: 'location_latitude', path: 'location.latitude', value: 48.87347532650291 },
        { name: 'location_longitude', path: 'location.longitude', value: 2.371577412596885 },
      ],
      dropped: [],
    });
  });

  it('drops the Sherlock Holmes address whole, city included, and reports it', () => {
    const result = flattenTraits(sherlock, 'documented');
    expect(asProperties(sherlock, 'documented')).toEqual({
      first_name: 'Sherlock',
      last_name: 'Holmes',
      location_latitude: 51.52376,
      location_longitude: -0.158459,
    });
    expect(result.values.some((v) => v.name.startsWith('address'))).toBe(false);
    expect(result.dropped).toEqual([{ path: 'address', reason: expect.stringMatching(/dropped whole/) }]);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['scalars kept as they are', { plan: 'pro', seats: 3, trial: false }, { plan: 'pro', seats: 3, trial: false }, []],
    ['null skipped and reported', { phone: null, plan: 'pro' }, { plan: 'pro' }, ['phone']],
    ['arrays dropped', { tags: ['a', 'b'] }, {}, ['tags']],
    ['object holding an array dropped whole', { company: { name: 'Acme', ids: [1] } }, {}, ['company']],
    ['null inside a one-level object', { location: { latitude: null, longitude: 2 } }, { location_longitude: 2 }, ['location.latitude']],
    ['empty object yields nothing', { prefs: {} }, {}, []],
  ])('%s', (_label, traits, properties, dropped) => {
    expect(asProperties(traits, 'documented')).toEqual(properties);
    expect(droppedPaths(traits, 'documented')).toEqual(dropped);
  });
});

describe('deep flattening', () => {
  it('flattens the Sherlock Holmes address at any depth', () => {
    expect(asProperties(sherlock, 'deep')).toEqual({
      first_name: 'Sherlock',
      last_name: 'Holmes',
      location_latitude: 51.52376,
      location_longitude: -0.158459,
      address_city: 'London',
      address_street_name: 'Baker Street',
      address_street_number: '221B',
    });
    expect(droppedPaths(sherlock, 'deep')).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['arrays of scalars joined with ", "', { tags: ['vip', 'beta', 3, true] }, { tags: 'vip, beta, 3, true' }, []],
    ['nulls inside an array skipped and reported', { tags: ['a', null, 'b'] }, { tags: 'a, b' }, ['tags.1']],
    ['empty array is the empty string', { tags: [] }, { tags: '' }, []],
    ['arrays holding objects dropped', { orders: [{ id: 1 }], n: 1 }, { n: 1 }, ['orders']],
    ['arrays holding arrays dropped', { grid: [[1, 2]] }, {}, ['grid']],
    ['nested arrays of scalars joined', { a: { b: { c: ['x', 'y'] } } }, { a_b_c: 'x, y' }, []],
    ['null deep inside reported by path', { a: { b: { c: null, d: 1 } } }, { a_b_d: 1 }, ['a.b.c']],
  ])('%s', (_label, traits, properties, dropped) => {
    expect(asProperties(traits, 'deep')).toEqual(properties);
    expect(droppedPaths(traits, 'deep')).toEqual(dropped);
  });

  it(`stops at ${MAX_TRAIT_DEPTH} levels and reports the rest`, () => {
    let nested: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < MAX_TRAIT_DEPTH + 5; i += 1) nested = { n: nested };
    const result = flattenTraits({ top: nested }, 'deep');
    expect(result.values).toEqual([]);
    expect(result.dropped).toEqual([{ path: expect.stringMatching(/^top(\.n)+$/), reason: expect.stringMatching(/deeper/) }]);
  });
});

describe.each<FlattenMode>(['documented', 'deep'])('odd trait names (%s)', (mode) => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    ['spaces', { 'plan tier': 'gold' }, { plan_tier: 'gold' }, []],
    ['dashes', { 'sign-up-source': 'ads' }, { sign_up_source: 'ads' }, []],
    ['dots', { 'utm.source': 'news' }, { utm_source: 'news' }, []],
    ['unicode', { prénom: 'Zoë', '名前': 'Taro' }, { pr_nom: 'Zoë', __: 'Taro' }, []],
    ['leading digits', { '2fa': true }, { '2fa': true }, []],
    ['empty name', { '': 'x', ok: 1 }, { ok: 1 }, ['']],
    ['collision: the first wins, the later is dropped', { 'a-b': 1, a_b: 2, 'a.b': 3 }, { a_b: 1 }, ['a_b', 'a.b']],
  ])('%s', (_label, traits, properties, dropped) => {
    expect(asProperties(traits, mode)).toEqual(properties);
    expect(droppedPaths(traits, mode)).toEqual(dropped);
  });

  it('treats "__proto__" from parsed JSON as an ordinary name', () => {
    const parsed = JSON.parse('{"__proto__":"x"}') as Record<string, unknown>;
    expect(flattenTraits(parsed, mode).values).toEqual([{ name: '__proto__', path: '__proto__', value: 'x' }]);
  });

  it('reports a flattened name that collides with a scalar trait', () => {
    const result = flattenTraits({ location_latitude: 1, location: { latitude: 2 } }, mode);
    expect(result.values).toEqual([{ name: 'location_latitude', path: 'location_latitude', value: 1 }]);
    expect(result.dropped).toEqual([
      { path: 'location.latitude', reason: 'property name "location_latitude" is already used by trait "location_latitude"' },
    ]);
  });

  it('flattens objects made in another realm, as a Segment Function sandbox passes them', () => {
    const foreign = runInNewContext('({ location: { latitude: 51.5, longitude: -0.1 } })') as Record<string, unknown>;
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(asProperties(foreign, mode)).toEqual({ location_latitude: 51.5, location_longitude: -0.1 });
  });

  it('drops values JSON cannot carry instead of throwing', () => {
    const result = flattenTraits({ nan: Number.NaN, inf: Infinity, when: new Date(0), fn: () => 1, u: undefined }, mode);
    expect(result.values).toEqual([]);
    expect(result.dropped.map((d) => d.path)).toEqual(['nan', 'inf', 'when', 'fn', 'u']);
  });
});
