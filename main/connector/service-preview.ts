// Previews of a pasted payload through the same shared mapping the relay uses, with the current
// options and the Mailjet properties known so far. Pure reads: nothing is queued or sent.
import type { ConnectorArg, EventPreview, IdentifyPreview } from '../../shared/api';
import { mapEventToTrack } from '../../shared/event-to-track';
import { mapIdentifyToContact } from '../../shared/identify-to-contact';
import { parseJsonLossless } from '../../shared/json-lossless';
import { parseMailjetEvents } from '../../shared/mailjet-event';
import type { MailjetDataType } from '../../shared/property-types';
import { createPropertyDefinitions, type PropertyDefinitions } from '../workers/property-definitions';
import { connectorErrors } from './service-errors';
import type { ServiceContext } from './service-context';

export interface PreviewDeps {
  context: ServiceContext;
  /** Mailjet's property definitions, loaded once; a preview works without them. */
  definitions: PropertyDefinitions;
}

export function createPreviewDeps(context: ServiceContext): PreviewDeps {
  return { context, definitions: createPropertyDefinitions(context.rest) };
}

export async function previewIdentify({ context, definitions }: PreviewDeps, arg: ConnectorArg<'previewIdentify'>): Promise<IdentifyPreview> {
  const body = parsePayload(arg.payload, true);
  const message = Array.isArray(body) ? undefined : 'batch' in body && Array.isArray(body.batch) ? firstIdentify(body.batch) : body;
  if (message === undefined) throw connectorErrors.payloadInvalid('The payload is not one Segment identify message (a JSON object with "traits").');
  const known = await definitions.known().catch((): ReadonlyMap<string, MailjetDataType> => new Map());
  const mapping = mapIdentifyToContact(message, { flatten: context.settings.read().flattenMode, knownProperties: known });
  const preview: IdentifyPreview = { email: mapping.email, name: mapping.name, properties: mapping.properties, dropped: mapping.dropped };
  if (mapping.skippedReason !== undefined) preview.skippedReason = mapping.skippedReason;
  if (mapping.newProperties.length > 0) preview.newProperties = mapping.newProperties;
  return preview;
}

export function previewEvent({ context }: PreviewDeps, arg: ConnectorArg<'previewEvent'>): EventPreview {
  const body = parsePayload(arg.payload);
  let parsed: ReturnType<typeof parseMailjetEvents>;
  try {
    parsed = parseMailjetEvents(body);
  } catch (error) {
    throw connectorErrors.payloadInvalid(error instanceof Error ? error.message : 'The payload is not a Mailjet event body.');
  }
  const { events: selected, namingPreset } = context.settings.read();
  const rejectedIndexes = new Set(parsed.rejected.map((item) => item.index));
  const indexes = (Array.isArray(body) ? body.map((_item, index) => index) : [0]).filter((index) => !rejectedIndexes.has(index));
  const preview: EventPreview = { calls: [], rejected: parsed.rejected.map(({ index, reason }) => ({ index, reason })), filtered: [] };
  parsed.events.forEach((event, position) => {
    if (!selected.includes(event.event)) {
      preview.filtered.push({ index: indexes[position] ?? position, eventType: event.event });
      return;
    }
    const userId = context.engine.userIdFor(event.email);
    preview.calls.push(mapEventToTrack(event, { preset: namingPreset, ...(userId === undefined ? {} : { userId }) }));
  });
  return preview;
}

/** `keepDecimalLiterals`: an identify's `4.0` stays a float literal, as in the relay. A BOM is ignored. */
function parsePayload(payload: string, keepDecimalLiterals = false): Record<string, unknown> | unknown[] {
  let body: unknown;
  try {
    body = parseJsonLossless(payload, { keepDecimalLiterals });
  } catch (error) {
    throw connectorErrors.payloadInvalid(error instanceof Error ? error.message : 'The payload is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null) throw connectorErrors.payloadInvalid('The payload is not a JSON object or array.');
  return body as Record<string, unknown> | unknown[];
}

function firstIdentify(batch: unknown[]): Record<string, unknown> | undefined {
  return batch.find((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && (item as { type?: unknown }).type === 'identify');
}
