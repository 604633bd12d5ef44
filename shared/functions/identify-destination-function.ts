// Segment destination function for identify calls: one Mailjet contact upsert per call, with traits as
// properties (missing ones created first), the same mapping as the relay. Bundled into one file by
// scripts/build-functions.ts. No durable queue here: Segment's retries are the only ones (RetryError).
import { mapIdentifyToContact, type DroppedTrait } from '../identify-to-contact';
import { resolveFunctionRuntime, type FunctionRuntime } from './function-runtime';
import { readDestinationSettings } from './function-settings';
import { MailjetContactClient, type ContactUpsert } from './mailjet-contact-client';
import { readSettingsOrReject } from './settings-rejection';

export interface IdentifyOutcome {
  email: string;
  /** Property names sent with the contact. */
  properties: string[];
  /** Property definitions this call created through contactmetadata. */
  createdProperties: string[];
  dropped: DroppedTrait[];
}

/**
 * Segment's loader hands the event in from outside the function's realm (a vm context), and the shared
 * flattening accepts only plain objects of this realm: a JSON round trip re-creates them here.
 */
function copyIntoThisRealm(event: unknown, runtime: FunctionRuntime): unknown {
  try {
    return JSON.parse(JSON.stringify(event ?? null)) as unknown;
  } catch {
    throw new runtime.ValidationError('The event is not JSON data.');
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The destination function's work, with the runtime passed in. At most 2 + (new properties) requests:
 * the property list, the missing definitions in parallel, then the upsert (the runtime allows 5 s).
 */
export async function handleIdentify(event: unknown, rawSettings: unknown, runtime: FunctionRuntime): Promise<IdentifyOutcome> {
  const message = asRecord(copyIntoThisRealm(event, runtime));
  if (message === undefined) throw new runtime.ValidationError('The event is not an object.');
  if (message.type !== undefined && message.type !== 'identify') {
    throw new runtime.EventNotSupported(`${String(message.type)} calls are not sent to Mailjet; only identify calls are.`);
  }
  const settings = readSettingsOrReject(() => readDestinationSettings(rawSettings), runtime);
  const client = new MailjetContactClient(settings, runtime);

  const knownProperties = await client.listProperties();
  const mapping = mapIdentifyToContact(message, { flatten: settings.flattenMode, knownProperties });
  if (mapping.email === null) throw new runtime.ValidationError(`Identify skipped: ${mapping.skippedReason ?? 'no valid email'}.`);

  await Promise.all(mapping.newProperties.map((property) => client.createProperty(property.name, property.datatype)));
  const contact: ContactUpsert = { Email: mapping.email, Properties: mapping.properties };
  // Without a name in the traits, the contact keeps the one Mailjet has.
  if (mapping.name !== null) contact.Name = mapping.name;
  await client.upsertContact(contact);

  if (mapping.dropped.length > 0) {
    // Paths only: the reasons can quote trait values, and function logs are visible to the workspace.
    console.warn(`Traits not sent to Mailjet: ${mapping.dropped.map((trait) => trait.path).join(', ')}.`);
  }
  return {
    email: mapping.email,
    properties: Object.keys(mapping.properties),
    createdProperties: mapping.newProperties.map((property) => property.name),
    dropped: mapping.dropped,
  };
}

/** Segment's entry point (the bundle exposes it as a top-level `async function onIdentify`). */
export async function onIdentify(event: unknown, settings: unknown): Promise<IdentifyOutcome> {
  return handleIdentify(event, settings, resolveFunctionRuntime());
}
