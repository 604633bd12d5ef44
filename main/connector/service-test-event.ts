// sendTestEvent: a realistic sample Mailjet event of the chosen type, committed through the same intake
// and queue as POST /mailjet/events, so the operator watches it arrive in Segment. Fresh MessageID each
// time (Segment would drop a repeated one as a duplicate).
import { randomInt, randomUUID } from 'node:crypto';
import type { EventType } from '../../shared/event-catalog';
import { parseMailjetEvents } from '../../shared/mailjet-event';
import { intakeMailjetEvents } from '../relay/intake';
import { connectorErrors } from './service-errors';
import type { ServiceContext } from './service-context';

const SAMPLE_EMAIL = 'test@example.com';

export async function sendTestEvent(context: ServiceContext, eventType: EventType): Promise<{ queued: number }> {
  const { engine } = context;
  const selected = context.settings.read().events;
  if (!selected.includes(eventType)) throw connectorErrors.eventNotSelected(eventType);
  if ((await context.secret('segmentWriteKey')) === undefined) throw connectorErrors.writeKeyMissing();

  const raw = sampleEvent(eventType, knownEmail(context) ?? SAMPLE_EMAIL, context.now());
  const { events, rejected } = parseMailjetEvents(raw);
  // Sent on purpose: the operator asked for it, even while Mailjet's callbacks are not registered yet.
  const items = intakeMailjetEvents(events, rejected, [raw], { receiveEnabled: false, sendEnabled: true, selectedEvents: selected });
  await engine.commitItems(items);
  context.logger.info({ eventType }, 'test event queued');
  return { queued: items.filter((item) => item.status === 'pending').length };
}

/** The email of a recent identify whose userId we know, so the test event lands on a real profile. */
function knownEmail(context: ServiceContext): string | undefined {
  const { engine } = context;
  return engine
    .recentItems({ direction: 'receive', limit: 50 })
    .map((item) => item.email)
    .find((email): email is string => email !== undefined && engine.userIdFor(email) !== undefined);
}

/** Shaped like the samples of Mailjet's Event API guide (docs/mailjet-segment-contracts.md#event-fields). */
export function sampleEvent(eventType: EventType, email: string, nowMs: number): Record<string, unknown> {
  // Above 2^53 like real MessageIDs, as a digit string the lossless parser keeps exact.
  const messageId = `${BigInt(nowMs) * 100_000n + BigInt(randomInt(100_000))}`;
  const base = {
    event: eventType,
    time: Math.floor(nowMs / 1000),
    MessageID: messageId,
    Message_GUID: randomUUID(),
    email,
    mj_campaign_id: 0,
    mj_contact_id: 0,
    customcampaign: 'Connector test event',
    CustomID: 'mjsc-test-event',
    Payload: '',
  };
  const visitor = { ip: '127.0.0.1', geo: 'FR', agent: 'Mozilla/5.0 (connector test event)' };
  const extra: Record<EventType, Record<string, unknown>> = {
    sent: { mj_message_id: messageId, smtp_reply: 'sent (250 2.0.0 OK test event)' },
    open: visitor,
    click: { ...visitor, url: 'https://example.com/test-link' },
    bounce: { blocked: false, hard_bounce: true, error_related_to: 'recipient', error: 'user unknown', comment: 'Connector test event: no real bounce happened.' },
    spam: { source: 'JMRPP' },
    blocked: { error_related_to: 'recipient', error: 'user unknown' },
    unsub: { ...visitor, mj_list_id: 0 },
  };
  return { ...base, ...extra[eventType] };
}
