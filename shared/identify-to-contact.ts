// Maps one Segment identify message to a Mailjet contact upsert: email, name, typed properties, and
// everything dropped with why (docs/architecture.md#identify-to-contact). Pure: no I/O; one bad trait never fails it.
import { identifyEmail } from './segment-message';
import { flattenTraits, type FlatTrait, type FlattenMode } from './trait-flattening';
import { coerceToDataType, inferDataType, type MailjetDataType, type PropertyValue } from './property-types';

export interface DroppedTrait {
  /** Dotted trait path, e.g. "address.street.name". */
  path: string;
  reason: string;
}

export interface ContactMapping {
  email: string | null;
  name: string | null;
  properties: Record<string, PropertyValue>;
  dropped: DroppedTrait[];
  /** Properties not in knownProperties, with the type inferred from this first value: create them via contactmetadata first. */
  newProperties: Array<{ name: string; datatype: MailjetDataType }>;
  /** Set when email is null: the contact is skipped, not upserted. */
  skippedReason?: string;
}

export interface IdentifyMappingOptions {
  flatten: FlattenMode;
  /** Existing Mailjet contact properties (contactmetadata) by name. */
  knownProperties: ReadonlyMap<string, MailjetDataType>;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function nonEmptyText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `name`, else first + last name in camel or snake case (Segment accepts both). */
function contactName(traits: Record<string, unknown>): string | null {
  const full = nonEmptyText(traits.name);
  if (full !== undefined) return full;
  const first = nonEmptyText(traits.firstName) ?? nonEmptyText(traits.first_name);
  const last = nonEmptyText(traits.lastName) ?? nonEmptyText(traits.last_name);
  const joined = [first, last].filter((part) => part !== undefined).join(' ');
  return joined === '' ? null : joined;
}

function skippedReason(message: Record<string, unknown>): string {
  const traits = asRecord(message.traits);
  const contextTraits = asRecord(asRecord(message.context)?.traits);
  const where = traits?.email !== undefined && traits.email !== null ? 'traits.email' : 'context.traits.email';
  const given = where === 'traits.email' ? traits?.email : contextTraits?.email;
  return given === undefined || given === null || given === ''
    ? 'no email in traits.email or context.traits.email: Mailjet contacts are keyed by email'
    : `${where} is not a valid email address: fix it upstream and send the identify again`;
}

export function mapIdentifyToContact(message: Record<string, unknown>, options: IdentifyMappingOptions): ContactMapping {
  const traits = asRecord(message.traits) ?? {};
  // `email` is the contact's key, not a property.
  const { email: _email, ...propertyTraits } = traits;
  const flat = flattenTraits(propertyTraits, options.flatten);
  const dropped = [...flat.dropped];
  const properties: Array<[string, PropertyValue]> = [];
  const newProperties: ContactMapping['newProperties'] = [];

  for (const trait of flat.values) {
    const fitted = fitProperty(trait, options.knownProperties);
    if ('reason' in fitted) {
      dropped.push({ path: trait.path, reason: fitted.reason });
      continue;
    }
    properties.push([trait.name, fitted.value]);
    if (fitted.newType !== undefined) newProperties.push({ name: trait.name, datatype: fitted.newType });
  }

  const email = identifyEmail(message);
  const mapping: ContactMapping = {
    email,
    name: contactName(traits),
    // fromEntries defines own keys, so a trait named "__proto__" stays an ordinary property.
    properties: Object.fromEntries(properties),
    dropped,
    newProperties,
  };
  if (email === null) mapping.skippedReason = skippedReason(message);
  return mapping;
}

type Fitted = { value: PropertyValue; newType?: MailjetDataType } | { reason: string };

function fitProperty(trait: FlatTrait, known: ReadonlyMap<string, MailjetDataType>): Fitted {
  const type = known.get(trait.name);
  if (type === undefined) return { value: trait.value, newType: inferDataType(trait.value) };
  const coerced = coerceToDataType(trait.value, type);
  return coerced.ok
    ? { value: coerced.value }
    : { reason: `does not fit the existing ${type} property "${trait.name}": ${coerced.reason}` };
}
