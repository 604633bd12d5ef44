// getStatus: credentials, each direction's state with the problem that stops it (a full disk, a deleted
// list, bad keys, kept conflicts, else a burst of failures) and what to do next, queue counts and URLs.
// Read-only; secrets appear masked.
import type { Problem, ReceiveStatus, SendStatus, Status } from '../../shared/api';
import { EVENT_CATALOG } from '../../shared/event-catalog';
import { describeReplacedCallbacks } from './callback-plan';
import { describeUnreachable } from './public-url-state';
import { describeCredentials } from './service-credentials';
import type { ServiceContext } from './service-context';

export async function getStatus(context: ServiceContext): Promise<Status> {
  const settings = context.settings.read();
  const engine = context.engine.status();
  const credentials = await describeCredentials(context);

  const receive: ReceiveStatus = { enabled: settings.receiveEnabled, listId: settings.listId, flattenMode: settings.flattenMode };
  if (settings.listName !== null) receive.listName = settings.listName;
  const receiveProblem = settings.receiveEnabled
    ? engine.diskFull ?? (credentials.mailjet === 'invalid' ? credentialsProblem('Mailjet', 'identify calls') : (engine.receive.paused ?? engine.receive.failureBurst ?? engine.receive.capReached))
    : undefined;
  if (receiveProblem) receive.problem = receiveProblem;

  const send: SendStatus = { enabled: settings.sendState === 'enabled', events: settings.events, namingPreset: settings.namingPreset };
  const replaced = describeReplacedCallbacks(settings.replaced);
  if (replaced.length > 0) send.replaced = replaced;
  const sendProblem =
    settings.sendState === 'kept' ? conflictKept(settings.conflicts)
    : settings.sendState !== 'enabled' ? undefined
    : engine.diskFull !== undefined ? engine.diskFull
    : credentials.segment === 'invalid' ? credentialsProblem('Segment', 'Mailjet events')
    : settings.conflicts.length > 0 ? conflictPartial(settings.conflicts)
    : (engine.send.paused ?? engine.send.failureBurst);
  if (sendProblem) send.problem = sendProblem;
  const unreachable = describeUnreachable(context);
  if (unreachable) send.unreachable = unreachable;

  const status: Status = {
    credentials,
    receive,
    send,
    queue: engine.queue,
    relayUrl: context.engine.relayUrl,
    publicUrl: settings.publicUrl,
  };
  const check = context.publicUrlCheck;
  if (check !== undefined && check.url === settings.publicUrl) status.publicUrlCheck = check;
  if (context.tunnel !== undefined) status.tunnel = context.tunnel.status();
  return status;
}

function credentialsProblem(upstream: 'Mailjet' | 'Segment', items: string): Problem {
  return {
    code: 'credentials_invalid',
    message: `${upstream} refuses the saved keys, so ${items} wait in the queue. Save working keys under Setup, then retry the failed items.`,
  };
}

function labels(rows: ReadonlyArray<{ eventType: string }>): string {
  return rows.map((row) => EVENT_CATALOG.find((entry) => entry.type === row.eventType)?.label ?? row.eventType).join(', ');
}

function conflictKept(conflicts: ReadonlyArray<{ eventType: string }>): Problem {
  return {
    code: 'conflict_kept',
    message: `Sending is not active: you kept the existing Mailjet endpoints for ${labels(conflicts)}. Enable sending again and choose "Replace with Segment endpoints" to send these events to Segment.`,
  };
}

function conflictPartial(conflicts: ReadonlyArray<{ eventType: string }>): Problem {
  return {
    code: 'callback_conflict',
    message: `Other endpoints hold the Mailjet callbacks for ${labels(conflicts)}, so those events do not reach the connector. Enable sending again and choose "Replace with Segment endpoints" to take them over.`,
  };
}
