import { mapIdentifyToContact, type IdentifyMappingOptions } from '../../shared/identify-to-contact';
import type { MailjetDataType } from '../../shared/property-types';

const documented: IdentifyMappingOptions = { flatten: 'documented', knownProperties: new Map() };
const identify = (traits: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'identify',
  userId: 'u-1',
  traits,
  ...extra,
});

const sherlock = identify({
  email: 'sherlock@example.com',
  first_name: 'Sherlock',
  last_name: 'Holmes',
  location: { latitude: 51.52376, longitude: -0.158459 },
  address: { city: 'London', street: { name: 'Baker Street', number: '221B' } },
});

describe('mapIdentifyToContact: the guide\'s Sherlock Holmes payload', () => {
  it('keeps the names and location, drops address whole and asks for the new properties', () => {
    const contact = mapIdentifyToContact(sherlock, documented);
    expect(contact).toEqual({
      email: 'sherlock@example.com',
      name: 'Sherlock Holmes',
      properties: { first_name: 'Sherlock', last_name: 'Holmes', location_latitude: 51.52376, location_longitude: -0.158459 },
      dropped: [{ path: 'address', reason: expect.any(String) }],
      newProperties: [
        { name: 'first_name', datatype: 'str' },
        { name: 'last_name', datatype: 'str' },
        { name: 'location_latitude', datatype: 'float' },
        { name: 'location_longitude', datatype: 'float' },
      ],
    });
    expect(Object.keys(contact.properties).filter((k) => k.startsWith('address'))).toEqual([]);
  });

  it('keeps address in deep mode', () => {
    const contact = mapIdentifyToContact(sherlock, { ...documented, flatten: 'deep' });
    expect(contact.properties).toMatchObject({ address_city: 'London', address_street_name: 'Baker Street', address_street_number: '221B' });
    expect(contact.dropped).toEqual([]);
  });
});

describe('email', () => {
  it.each<[string, Record<string, unknown>, string | null]>([
    ['traits.email', identify({ email: 'a@example.com' }), 'a@example.com'],
    ['context.traits.email', identify({}, { context: { traits: { email: 'c@example.com' } } }), 'c@example.com'],
    ['traits.email wins', identify({ email: 'a@example.com' }, { context: { traits: { email: 'c@example.com' } } }), 'a@example.com'],
    ['invalid traits.email falls back to context', identify({ email: 'nope' }, { context: { traits: { email: 'c@example.com' } } }), 'c@example.com'],
    ['surrounding spaces trimmed', identify({ email: ' a@example.com ' }), 'a@example.com'],
    ['no email', identify({ plan: 'pro' }), null],
    ['not an address', identify({ email: 'sherlock at baker street' }), null],
    ['no domain dot', identify({ email: 'a@localhost' }), null],
    ['not a string', identify({ email: 42 }), null],
    ['no traits at all', { type: 'identify', userId: 'u' }, null],
  ])('%s', (_label, message, email) => {
    const contact = mapIdentifyToContact(message, documented);
    expect(contact.email).toBe(email);
    if (email === null) expect(contact.skippedReason).toMatch(/email/);
    else expect(contact.skippedReason).toBeUndefined();
  });

  it('is the contact key, never a property, and still maps the rest when skipped', () => {
    const contact = mapIdentifyToContact(identify({ email: 'bad', plan: 'pro' }), documented);
    expect(contact.properties).toEqual({ plan: 'pro' });
    expect(contact.skippedReason).toMatch(/traits\.email is not a valid email/);
  });
});

describe('name', () => {
  it.each<[Record<string, unknown>, string | null]>([
    [{ name: 'Irene Adler', firstName: 'I', lastName: 'A' }, 'Irene Adler'],
    [{ firstName: 'John', lastName: 'Watson' }, 'John Watson'],
    [{ first_name: 'John', last_name: 'Watson' }, 'John Watson'],
    [{ firstName: 'Mycroft' }, 'Mycroft'],
    [{ last_name: 'Hudson' }, 'Hudson'],
    [{ name: '  ', first_name: 'Mary' }, 'Mary'],
    [{ name: 7 }, null],
    [{}, null],
  ])('%j -> %j', (traits, name) => {
    expect(mapIdentifyToContact(identify({ email: 'x@example.com', ...traits }), documented).name).toBe(name);
  });
});

describe('properties against existing definitions', () => {
  const known = new Map<string, MailjetDataType>([
    ['age', 'int'],
    ['zip', 'str'],
    ['vip', 'bool'],
    ['score', 'float'],
    ['signed_up', 'datetime'],
  ]);
  const map = (traits: Record<string, unknown>) =>
    mapIdentifyToContact(identify({ email: 'x@example.com', ...traits }), { flatten: 'documented', knownProperties: known });

  it('coerces what fits without loss and creates nothing', () => {
    const contact = map({ age: '42', zip: 75008, vip: 'true', score: 3, signed_up: '2024-01-31' });
    expect(contact.properties).toEqual({ age: 42, zip: '75008', vip: true, score: 3, signed_up: '2024-01-31T00:00:00Z' });
    expect(contact.dropped).toEqual([]);
    expect(contact.newProperties).toEqual([]);
  });

  it('drops only the trait that does not fit, and reports it', () => {
    const contact = map({ age: 'forty', vip: 'yes', plan: 'pro' });
    expect(contact.properties).toEqual({ plan: 'pro' });
    expect(contact.dropped).toEqual([
      { path: 'age', reason: expect.stringMatching(/int property "age"/) },
      { path: 'vip', reason: expect.stringMatching(/bool property "vip"/) },
    ]);
    expect(contact.email).toBe('x@example.com');
    expect(contact.newProperties).toEqual([{ name: 'plan', datatype: 'str' }]);
  });

  it('infers new property types from the first value', () => {
    const contact = map({ plan: 'pro', seats: 3, ratio: 0.5, trial: false, renewed: '2024-05-01T10:00:00Z', big: '19421777835146491' });
    expect(contact.newProperties).toEqual([
      { name: 'plan', datatype: 'str' },
      { name: 'seats', datatype: 'int' },
      { name: 'ratio', datatype: 'float' },
      { name: 'trial', datatype: 'bool' },
      { name: 'renewed', datatype: 'datetime' },
      { name: 'big', datatype: 'str' },
    ]);
    expect(contact.properties.big).toBe('19421777835146491');
  });

  it('keeps falsy values (false, 0, "") that peers lose', () => {
    expect(map({ trial: false, seats: 0, note: '' }).properties).toEqual({ trial: false, seats: 0, note: '' });
  });

  it('reports null traits as skipped', () => {
    const contact = map({ phone: null });
    expect(contact.properties).toEqual({});
    expect(contact.dropped).toEqual([{ path: 'phone', reason: 'null value' }]);
  });

  it('reports a sanitized name collision and keeps the first', () => {
    const contact = map({ 'a-b': 1, a_b: 2 });
    expect(contact.properties).toEqual({ a_b: 1 });
    expect(contact.dropped).toEqual([{ path: 'a_b', reason: expect.stringMatching(/already used by trait "a-b"/) }]);
  });
});

it('ignores traits that are not an object', () => {
  const contact = mapIdentifyToContact({ type: 'identify', userId: 'u', traits: 'oops' }, documented);
  expect(contact).toMatchObject({ email: null, name: null, properties: {}, newProperties: [] });
});
