// campaign (a filtered list), campaign/{id}, newsletter/{id} and message/{id}: read-only lookups the relay uses
// to name campaigns. message/{id} ids exceed 2^53, so they are matched as digit strings, never as JS numbers.
import { listResult, notFound, paginate, readBoolean, readId, RestError, type RestRoute } from './rest-shapes.js';
import type { CampaignRow } from './store.js';

/** FromTS / ToTS: Unix seconds or an RFC 3339 date, as Mailjet takes them; anything else is a 400. */
function readTimestamp(query: Record<string, string>, name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  const ms = /^\d+$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
  if (!Number.isFinite(ms)) throw new RestError(400, 'Type mismatch. Expected type "timestamp".', { [name]: 'must be a Unix timestamp or an RFC 3339 date' });
  return ms;
}

// Which date Mailjet's FromTS compares is unconfirmed (docs/mailjet-segment-contracts.md#campaigns-newsletters-and-messages):
// the emulator takes CreatedAt, and a campaign without one counts as created long ago.
function createdWithin(row: CampaignRow, fromMs: number | undefined, toMs: number | undefined): boolean {
  const created = row.CreatedAt === undefined ? 0 : Date.parse(row.CreatedAt);
  return (fromMs === undefined || created >= fromMs) && (toMs === undefined || created <= toMs);
}

export const lookupRoutes: RestRoute[] = [
  {
    method: 'GET',
    path: 'campaign',
    handle: ({ store, query }) => {
      const fromMs = readTimestamp(query, 'FromTS');
      const toMs = readTimestamp(query, 'ToTS');
      const rows = [...store.campaigns.values()].filter((row) => createdWithin(row, fromMs, toMs)).sort((a, b) => a.ID - b.ID);
      const { page, total } = paginate(rows, query);
      return listResult(page, total);
    },
  },
  {
    method: 'GET',
    path: 'campaign/:id',
    handle: ({ store, params }) => {
      const row = store.campaigns.get(readId(params.id));
      if (row === undefined) throw notFound();
      return listResult([row]);
    },
  },
  {
    method: 'GET',
    path: 'newsletter/:id',
    handle: ({ store, params }) => {
      const row = store.newsletters.get(readId(params.id));
      if (row === undefined) throw notFound();
      return listResult([row]);
    },
  },
  {
    method: 'GET',
    path: 'message/:id',
    handle: ({ store, params, query }) => {
      const row = /^\d+$/.test(params.id ?? '') ? store.messages.get(BigInt(params.id ?? '0').toString()) : undefined;
      if (row === undefined) throw notFound();
      // Mailjet only fills Subject when asked with ShowSubject=true.
      const showSubject = readBoolean(query.ShowSubject, 'ShowSubject') ?? false;
      return listResult([{ ...row, Subject: showSubject ? row.Subject : '' }]);
    },
  },
];
