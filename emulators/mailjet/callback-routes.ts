// eventcallbackurl: one primary and one backup row per EventType per API key (Mailjet's MJ18 rule).
// Listing pages at 10 by default, so a client that does not ask for Limit=1000 misses rows (n8n's bug).
import { RestError, listResult, notFound, paginate, readBoolean, readId, requireObject, type RestRoute } from './rest-shapes.js';
import { eventTypes, type CallbackRow, type EventType, type MailjetStore } from './store.js';

function readEventType(value: unknown): EventType {
  if (typeof value === 'string' && (eventTypes as readonly string[]).includes(value)) return value as EventType;
  throw new RestError(400, `Invalid value for EventType: ${JSON.stringify(value)}`, { EventType: `must be one of ${eventTypes.join(', ')}` });
}

function readUrl(value: unknown): string {
  if (typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)) return value;
  throw new RestError(400, `Invalid value for Url: ${JSON.stringify(value)}`, { Url: 'must be an http(s) URL' });
}

function readVersion(value: unknown): 1 | 2 {
  if (value === 1 || value === 2) return value;
  throw new RestError(400, `Invalid value for Version: ${JSON.stringify(value)}`, { Version: 'must be 1 or 2' });
}

function readStatus(value: unknown): 'alive' | 'dead' {
  if (value === 'alive' || value === 'dead') return value;
  throw new RestError(400, `Invalid value for Status: ${JSON.stringify(value)}`, { Status: 'must be alive or dead' });
}

function assertSlotFree(store: MailjetStore, eventType: EventType, isBackup: boolean, exceptId?: number): void {
  for (const row of store.callbacks.values()) {
    if (row.EventType === eventType && row.IsBackup === isBackup && row.ID !== exceptId) {
      throw new RestError(400, `MJ18 A EventCallbackURL resource with value "${eventType}|${isBackup}" for EventType|Backup already exists.`, {
        EventType: 'already exists',
      });
    }
  }
}

export function createCallback(store: MailjetStore, input: unknown): CallbackRow {
  const fields = requireObject(input);
  const eventType = readEventType(fields.EventType ?? 'sent');
  const isBackup = readBoolean(fields.IsBackup, 'IsBackup') ?? false;
  const url = readUrl(fields.Url);
  const version = fields.Version === undefined ? 1 : readVersion(fields.Version);
  const status = fields.Status === undefined ? 'alive' : readStatus(fields.Status);
  assertSlotFree(store, eventType, isBackup);
  const row: CallbackRow = { ID: store.nextId('callback'), APIKeyID: store.apiKeyId, EventType: eventType, Url: url, IsBackup: isBackup, Status: status, Version: version };
  store.callbacks.set(row.ID, row);
  return row;
}

function callbackOr404(store: MailjetStore, rawId: string | undefined): CallbackRow {
  const row = store.callbacks.get(readId(rawId));
  if (row === undefined) throw notFound();
  return row;
}

export const callbackRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: 'eventcallbackurl',
    handle: ({ store, query }) => {
      const rows = [...store.callbacks.values()].filter((row) => query.EventType === undefined || row.EventType === query.EventType);
      const { page, total } = paginate(rows, query);
      return listResult(page, total);
    },
  },
  {
    method: 'POST',
    path: 'eventcallbackurl',
    handle: ({ store, body }) => listResult([createCallback(store, body)], 1, 201),
  },
  {
    method: 'GET',
    path: 'eventcallbackurl/:id',
    handle: ({ store, params }) => listResult([callbackOr404(store, params.id)]),
  },
  {
    method: 'PUT',
    path: 'eventcallbackurl/:id',
    handle: ({ store, params, body }) => {
      const row = callbackOr404(store, params.id);
      const fields = requireObject(body);
      // PUT behaves like PATCH; moving a row onto an occupied EventType|IsBackup slot is the same MJ18 error.
      const eventType = fields.EventType === undefined ? row.EventType : readEventType(fields.EventType);
      const isBackup = readBoolean(fields.IsBackup, 'IsBackup') ?? row.IsBackup;
      const next: CallbackRow = {
        ...row,
        EventType: eventType,
        IsBackup: isBackup,
        Url: fields.Url === undefined ? row.Url : readUrl(fields.Url),
        Version: fields.Version === undefined ? row.Version : readVersion(fields.Version),
        Status: fields.Status === undefined ? row.Status : readStatus(fields.Status),
      };
      assertSlotFree(store, eventType, isBackup, row.ID);
      Object.assign(row, next);
      return listResult([row]);
    },
  },
  {
    method: 'DELETE',
    path: 'eventcallbackurl/:id',
    handle: ({ store, params }) => {
      store.callbacks.delete(callbackOr404(store, params.id).ID);
      return { status: 204 };
    },
  },
];
