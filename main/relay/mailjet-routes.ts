// POST /mailjet/events: the Mailjet Event API callback (Version 1 posts one object, Version 2 an
// array). Auth is the `mailjet:<events secret>` userinfo Mailjet sends as Basic. Retrying cannot
// fix a bad item, so an array with some bad items is still a 200; a body with nothing usable is a 400.
import type { FastifyInstance } from 'fastify';
import { parseMailjetEvents } from '../../shared/mailjet-event';
import { intakeMailjetEvents, type DirectionState } from './intake';
import { registerIngestRoute, type IngestDeps } from './ingest-route';
import { isMailjetAuthorization } from './relay-auth';
import { relayErrors } from './relay-errors';
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
      const { events, rejected } = parseMailjetEvents(body);
      const rawItems: readonly unknown[] = Array.isArray(body) ? body : [body];
      const first = rejected[0];
      if (!Array.isArray(body) && first !== undefined) throw relayErrors.badShape(`The event is not usable: ${first.reason}.`);
      if (events.length === 0 && first !== undefined) throw relayErrors.nothingUsable('event', rejected);
      const items = intakeMailjetEvents(events, rejected, rawItems, deps.directions());
      return { items, reply: { success: true, accepted: events.length, rejected: rejected.length } };
    },
  }, deps);
}
