// campaign/{id}, newsletter/{id} and message/{id}: read-only lookups the relay uses to name campaigns.
// message/{id} ids exceed 2^53, so they are matched as digit strings, never as JS numbers.
import { listResult, notFound, readBoolean, readId, type RestRoute } from './rest-shapes.js';

export const lookupRoutes: RestRoute[] = [
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
