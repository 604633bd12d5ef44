// Turns claimed identify calls into one contact upsert per email: maps each call, defines the missing
// properties, and merges the calls in the order they were received (later traits win). It also says,
// per call, what was left out of its contact and why; it never drops a trait without saying so.
import { mapIdentifyToContact } from '../../shared/identify-to-contact';
import type { MailjetDataType } from '../../shared/property-types';
import type { FlattenMode } from '../../shared/trait-flattening';
import { SLICE_ITEMS, yieldToEventLoop } from '../delivery/event-loop-slices';
import type { QueuedItem } from '../storage/item-queue';
import type { ContactUpsert } from '../upstream/mailjet/contact-upserts';
import { DEFAULT_PROPERTY_CAPS, perCallCapReason } from './property-caps';
import type { PropertyDefinitions } from './property-definitions';

export interface ReadIdentify {
  item: QueuedItem;
  message: Record<string, unknown>;
}

export interface ContactGroup {
  /** In received order (item id). */
  items: QueuedItem[];
  contact: ContactUpsert;
}

export interface GroupedContacts {
  groups: ContactGroup[];
  withoutEmail: Array<{ item: QueuedItem; reason: string }>;
  /** By item id: what its contact went without, and why; shown on the delivered item in Activity. */
  notes: Map<number, string>;
}

/** Past this many, a note names how many more were left out instead of listing them. */
const MAX_LISTED_DROPS = 5;

export async function groupContacts(
  entries: readonly ReadIdentify[],
  flatten: FlattenMode,
  definitions: PropertyDefinitions,
  perCallCap: number = DEFAULT_PROPERTY_CAPS.perCall,
): Promise<GroupedContacts> {
  // Received order, not claim order: a retried older call is claimed after newer ones, yet must not win.
  const ordered = [...entries].sort((a, b) => a.item.id - b.item.id);
  const wanted = new Map<string, MailjetDataType>();
  /** By item id: the new names its call brought past the per-call cap. */
  const overCap = new Map<number, Set<string>>();
  const before = await definitions.known();
  for (const [index, { item, message }] of ordered.entries()) {
    // A bulk job holds thousands of calls: mapping them all in one turn would hold the event loop.
    if (index > 0 && index % SLICE_ITEMS === 0) await yieldToEventLoop();
    const fresh = mapIdentifyToContact(message, { flatten, knownProperties: before }).newProperties;
    fresh.slice(perCallCap).forEach(({ name }) => overCap.set(item.id, (overCap.get(item.id) ?? new Set()).add(name)));
    for (const property of fresh.slice(0, perCallCap)) {
      if (!wanted.has(property.name)) wanted.set(property.name, property.datatype);
    }
  }
  const refused = await definitions.create([...wanted].map(([name, datatype]) => ({ name, datatype })));
  // Mapped again against the real definitions, so every value is coerced to (or dropped for) its type.
  const known = await definitions.known();
  const groups = new Map<string, ContactGroup>();
  const withoutEmail: GroupedContacts['withoutEmail'] = [];
  const notes = new Map<number, string>();
  for (const [index, { item, message }] of ordered.entries()) {
    if (index > 0 && index % SLICE_ITEMS === 0) await yieldToEventLoop();
    const mapping = mapIdentifyToContact(message, { flatten, knownProperties: known });
    if (mapping.email === null) {
      withoutEmail.push({ item, reason: `Not sent to Mailjet: ${mapping.skippedReason ?? 'no valid email'}.` });
      continue;
    }
    const drops = mapping.dropped.map(({ path, reason }) => `trait "${path}": ${reason}`);
    const kept: Array<[string, ContactUpsert['Properties'][string]]> = [];
    for (const [name, value] of Object.entries(mapping.properties)) {
      if (known.has(name)) kept.push([name, value]);
      else if (overCap.get(item.id)?.has(name) === true) drops.push(`property "${name}": ${perCallCapReason(perCallCap)}`);
      else drops.push(refused.get(name) ?? `Mailjet did not define the property "${name}"`);
    }
    // fromEntries defines own keys: assigning `properties["__proto__"] = value` would silently lose the trait.
    const properties: ContactUpsert['Properties'] = Object.fromEntries(kept);
    const note = describeDrops(drops);
    if (note !== undefined) notes.set(item.id, note);
    const key = mapping.email.toLowerCase();
    const group = groups.get(key) ?? { items: [], contact: { Email: mapping.email, Properties: {} } };
    group.items.push(item);
    group.contact = {
      Email: mapping.email,
      ...(mapping.name === null ? (group.contact.Name === undefined ? {} : { Name: group.contact.Name }) : { Name: mapping.name }),
      Properties: { ...group.contact.Properties, ...properties },
    };
    groups.set(key, group);
  }
  return { groups: [...groups.values()], withoutEmail, notes };
}

function describeDrops(drops: readonly string[]): string | undefined {
  if (drops.length === 0) return undefined;
  const listed = drops.slice(0, MAX_LISTED_DROPS).join('; ');
  const more = drops.length > MAX_LISTED_DROPS ? `; and ${drops.length - MAX_LISTED_DROPS} more` : '';
  return `Delivered without ${drops.length === 1 ? 'one value' : `${drops.length} values`}: ${listed}${more}.`;
}
