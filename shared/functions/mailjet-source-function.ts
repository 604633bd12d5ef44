// Segment source function for Mailjet's Event API webhooks: each selected event becomes the same track
// call the relay sends. Bundled into one file by scripts/build-functions.ts. Never does I/O but
// Segment.track; no userId map and no campaign lookups here (docs/segment-functions.md says why).
import type { EventType } from '../event-catalog';
import { mapEventToTrack } from '../event-to-track';
import { JsonSyntaxError, parseJsonLossless } from '../json-lossless';
import { EventBodyShapeError, parseMailjetEvents, type RejectedItem } from '../mailjet-event';
import { readSourceSettings, type SourceSettings } from './function-settings';
import { resolveFunctionRuntime, type FunctionRuntime } from './function-runtime';
import { isMailjetCallbackAuthorized } from './mailjet-callback-auth';
import { readSettingsOrReject } from './settings-rejection';
import { installTextEncoderWhenMissing } from './utf8-bytes';

/** The parts of Segment's source-function request used here: `text()` and `json()` are synchronous there. */
export interface SourceRequest {
  headers?: { get(name: string): string | null } | null;
  text?: () => unknown;
  json?: () => unknown;
}

export interface SourceOutcome {
  /** Track calls handed to Segment.track. */
  tracked: number;
  /** Valid events of types not selected: acknowledged, not forwarded (like the relay). */
  filtered: Partial<Record<EventType, number>>;
  rejected: RejectedItem[];
}

/** Prefers the raw text: only a lossless parse keeps a MessageID above 2^53 exact. */
function readBody(request: SourceRequest, runtime: FunctionRuntime): unknown {
  const text = typeof request.text === 'function' ? request.text() : undefined;
  if (typeof text === 'string') {
    if (text.trim() === '') throw new runtime.ValidationError('The request has no body: Mailjet posts one event object or an array of them.');
    try {
      return parseJsonLossless(text);
    } catch (error) {
      if (error instanceof JsonSyntaxError) throw new runtime.ValidationError(error.message);
      throw error;
    }
  }
  // A runtime that hands over only decoded JSON: ids above 2^53 were rounded before this code ran.
  if (typeof request.json === 'function') return request.json();
  throw new runtime.ValidationError('The request body could not be read.');
}

function describeRejections(rejected: readonly RejectedItem[]): string {
  const shown = rejected.slice(0, 3).map((item) => `item ${item.index}: ${item.reason}`);
  const more = rejected.length > shown.length ? `, and ${rejected.length - shown.length} more` : '';
  return `${shown.join('; ')}${more}`;
}

function authorize(request: SourceRequest, settings: SourceSettings, runtime: FunctionRuntime): void {
  if (settings.eventsSecret === undefined) return;
  // Segment documents `request.headers` as a Headers instance (case-insensitive get).
  const authorization = typeof request.headers?.get === 'function' ? request.headers.get('authorization') : null;
  if (!isMailjetCallbackAuthorized(authorization, settings.eventsSecret, runtime.atob)) {
    throw new runtime.ValidationError(
      'The request does not carry the events secret: register the callback URL in Mailjet as https://mailjet:<eventsSecret>@<this source\'s webhook host and path>.',
    );
  }
}

/** The source function's work, with the runtime passed in (tests and the bundle's onRequest use it). */
export function handleMailjetRequest(request: SourceRequest, rawSettings: unknown, runtime: FunctionRuntime): SourceOutcome {
  const settings = readSettingsOrReject(() => readSourceSettings(rawSettings), runtime);
  authorize(request, settings, runtime);
  const body = readBody(request, runtime);
  let parsed: ReturnType<typeof parseMailjetEvents>;
  try {
    parsed = parseMailjetEvents(body);
  } catch (error) {
    if (error instanceof EventBodyShapeError) throw new runtime.ValidationError(error.message);
    throw error;
  }
  const { events, rejected } = parsed;
  if (events.length === 0 && rejected.length > 0) {
    throw new runtime.ValidationError(`No usable Mailjet event in the body (${describeRejections(rejected)}).`);
  }
  const outcome: SourceOutcome = { tracked: 0, filtered: {}, rejected };
  for (const event of events) {
    if (!settings.selectedEvents.includes(event.event)) {
      outcome.filtered[event.event] = (outcome.filtered[event.event] ?? 0) + 1;
      continue;
    }
    // campaign_name falls back to customcampaign inside the mapping; no Mailjet lookups from a function.
    const { type: _type, ...call } = mapEventToTrack(event, { preset: settings.namingPreset });
    runtime.track(call);
    outcome.tracked += 1;
  }
  if (rejected.length > 0) console.warn(`Skipped ${rejected.length} unusable Mailjet event(s): ${describeRejections(rejected)}.`);
  return outcome;
}

/** Segment's entry point (the bundle exposes it as a top-level `async function onRequest`). */
export async function onRequest(request: SourceRequest, settings: unknown): Promise<SourceOutcome> {
  installTextEncoderWhenMissing();
  return handleMailjetRequest(request, settings, resolveFunctionRuntime());
}
