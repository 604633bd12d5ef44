// POST /mailjet/events: the Mailjet Event API callback (Version 1 posts one object, Version 2 an
// array). Auth is the `mailjet:<events secret>` userinfo Mailjet sends as Basic. Mailjet retries any
// non-200 for 24 h and suspends failing callbacks, so an authenticated JSON body that cannot be used is
// a 200 with each unusable item recorded as rejected (docs/mailjet-segment-contracts.md#answer-and-retries).
import type { FastifyInstance } from 'fastify';
import { EventBodyShapeError, parseMailjetEvents, type MailjetEvent, type RejectedItem } from '../../shared/mailjet-event';
import { intakeMailjetEvents, type DirectionState } from './intake';
import { registerIngestRoute, type IngestDeps } from './ingest-route';
import { isMailjetAuthorization } from './relay-auth';
import { parseJsonBody } from './request-body';

export interface MailjetRouteDeps extends IngestDeps {
  bodyLimit: number;
  eventsSecret: () => string | undefined;
  /** Also accepted while a rotation waits for Mailjet to take the new callback URL. */
  previousEventsSecret?: () => string | undefined;
  directions: () => DirectionState;
}

export const MAILJET_EVENTS_PATH = '/mailjet/events';

export function registerMailjetRoutes(app: FastifyInstance, deps: MailjetRouteDeps): void {
  registerIngestRoute(app, {
    url: MAILJET_EVENTS_PATH,
    bodyLimit: deps.bodyLimit,
    credentialsHint: 'the callback URL must carry mailjet:<events secret>; register it again from the app (Enable sending)',
    judgeHeaders: (headers) =>
      isMailjetAuthorization(headers.authorization, deps.eventsSecret()) || isMailjetAuthorization(headers.authorization, deps.previousEventsSecret?.())
        ? 'granted'
        : 'denied',
    ingest(input) {
      const body = parseJsonBody(input.raw);
      const rawItems: readonly unknown[] = Array.isArray(body) ? body : [body];
      const { events, rejected } = parseOrRejectWhole(body);
      const items = intakeMailjetEvents(events, rejected, rawItems, deps.directions());
      return { items, reply: { success: true, accepted: events.length, rejected: rejected.length } };
    },
  }, deps);
}

/** A JSON body that is neither an event nor an array (`42`, `"test"`) is one rejected item, not a retry loop. */
function parseOrRejectWhole(body: unknown): { events: MailjetEvent[]; rejected: RejectedItem[] } {
  try {
    return parseMailjetEvents(body);
  } catch (error) {
    if (!(error instanceof EventBodyShapeError)) throw error;
    return { events: [], rejected: [{ index: 0, reason: error.message }] };
  }
}
