// Activity: recent items with their status and reason, counts, and received-per-minute over the last
// hour; retrying failed items wakes the delivery loops. Item payloads never leave the database here.
import type { Activity, ConnectorArg } from '../../shared/api';
import type { ServiceContext } from './service-context';

const HOUR_MS = 60 * 60_000;
const DEFAULT_LIMIT = 100;

export function getActivity(context: ServiceContext, arg: ConnectorArg<'getActivity'>): Activity {
  const { engine } = context;
  return {
    counts: engine.status().queue,
    items: engine.recentItems({ direction: arg.direction, status: arg.status, limit: arg.limit ?? DEFAULT_LIMIT }),
    perMinute: engine.activityPerMinute(context.now() - HOUR_MS, arg.direction),
  };
}

export function retryFailed(context: ServiceContext, arg: ConnectorArg<'retryFailed'>): { retried: number } {
  if (arg.ids === undefined) return { retried: context.engine.retryFailed() };
  // Ids are strings on the wire; anything that is not one of our row ids matches nothing.
  const ids = arg.ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  return { retried: ids.length === 0 ? 0 : context.engine.retryFailed(ids) };
}
