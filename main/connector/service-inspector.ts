// The inspector's methods: one item in full (getItem), replaying items (delivered ones included, with
// the same or a new messageId), and discarding failed ones. Refused requests open from the refused log.
import type { ConnectorArg, DiscardResult, ItemDetails, ReplayResult } from '../../shared/api';
import { describeRequest, describeSent, toActivityItem, toAttempt } from './item-details';
import { inspectorErrors } from './inspector-errors';
import { isRetryable } from './retry-eligibility';
import { REFUSED_ID_PREFIX, refusedItem } from './service-activity';
import type { ServiceContext } from './service-context';

const ITEM_ID = /^\d{1,15}$/;

export function getItem(context: ServiceContext, arg: ConnectorArg<'getItem'>): ItemDetails {
  const { engine } = context;
  if (arg.id.startsWith(REFUSED_ID_PREFIX)) {
    const refusedId = arg.id.slice(REFUSED_ID_PREFIX.length);
    const row = ITEM_ID.test(refusedId) ? engine.refused.get(Number(refusedId)) : undefined;
    if (row === undefined) throw inspectorErrors.itemNotFound(arg.id);
    return {
      item: refusedItem(row),
      request: { method: row.method, path: row.path, headers: row.headers, body: row.body, bodyTruncated: row.body.endsWith('…') },
      attempts: [],
      notes: [row.fix],
      dropped: [],
      replayable: false,
    };
  }
  const row = ITEM_ID.test(arg.id) ? engine.inspection.get(Number(arg.id)) : undefined;
  if (row === undefined) throw inspectorErrors.itemNotFound(arg.id);
  const settings = context.settings.read();
  const { sent, dropped } = describeSent(row, {
    namingPreset: settings.namingPreset,
    flattenMode: settings.flattenMode,
    listId: settings.listId,
    userIdFor: (email) => engine.userIdFor(email),
  });
  const details: ItemDetails = {
    item: toActivityItem(row, isRetryable(row.reason)),
    request: describeRequest(row),
    attempts: engine.attempts.forItem(row.id).map(toAttempt),
    notes: row.reason === null || row.status === 'failed' ? [] : [row.reason],
    dropped,
    replayable: row.status === 'delivered' || row.status === 'failed',
  };
  if (sent !== undefined) details.sent = sent;
  if (row.status === 'pending') details.nextAttemptAt = new Date(row.nextAttemptAt).toISOString();
  return details;
}

export function replayItems(context: ServiceContext, arg: ConnectorArg<'replayItems'>): ReplayResult {
  const { inspection } = context.engine;
  const asNewMessage = arg.asNewMessage ?? false;
  const notReplayed: ReplayResult['notReplayed'] = [];
  const ids: number[] = [];
  for (const id of arg.ids) {
    const row = ITEM_ID.test(id) ? inspection.get(Number(id)) : undefined;
    if (row === undefined) notReplayed.push({ id, reason: 'No such item (a refused request is not kept as an item, and settled items leave after 7 days).' });
    else if (row.status !== 'delivered' && row.status !== 'failed') notReplayed.push({ id, reason: `The item is ${row.status}; only delivered or failed items can be replayed.` });
    else ids.push(row.id);
  }
  const replayed = inspection.replay(ids, asNewMessage, context.now());
  if (replayed.length > 0) context.engine.nudge();
  return { replayed: replayed.length, notReplayed, asNewMessage };
}

export function discardItems(context: ServiceContext, arg: ConnectorArg<'discardItems'>): DiscardResult {
  const ids = arg.ids?.filter((id) => ITEM_ID.test(id)).map(Number);
  const byDirection = ids !== undefined && ids.length === 0 ? { receive: 0, send: 0 } : context.engine.inspection.discardFailed(ids);
  return { discarded: byDirection.receive + byDirection.send, byDirection };
}
