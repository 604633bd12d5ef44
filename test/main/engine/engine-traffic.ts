// Traffic for engine tests: Mailjet events and Segment identify batches posted straight to the relay,
// authenticated as Mailjet and a Segment library would be.
import { CANARIES } from '../../support/engine-harness';

export interface PostResult {
  status: number;
}

/** Distinct sent events; MessageIDs above 2^53 written as exact digits. */
export function sentEvents(count: number, start = 0): string[] {
  return Array.from({ length: count }, (_, index) => {
    const n = start + index;
    return `{"event":"sent","time":${1433333949 + n},"MessageID":${19421777835146491n + BigInt(n) * 7n},"Message_GUID":"guid-${n}","email":"reader${n}@example.com","mj_campaign_id":7272,"mj_contact_id":${n},"customcampaign":"","CustomID":"","Payload":"","smtp_reply":"250 OK"}`;
  });
}

export async function postMailjetEvents(relayUrl: string, events: readonly string[]): Promise<PostResult> {
  const response = await fetch(new URL('/mailjet/events', relayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`mailjet:${CANARIES.eventsSecret}`).toString('base64')}` },
    body: `[${events.join(',')}]`,
  });
  await response.arrayBuffer();
  return { status: response.status };
}

export function identifyCalls(count: number, start = 0): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, index) => {
    const n = start + index;
    return { type: 'identify', userId: `user-${n}`, messageId: `identify-${n}`, traits: { email: `person${n}@example.com`, name: `Person ${n}`, visits: n, vip: n % 2 === 0 } };
  });
}

export async function postIdentifyBatch(relayUrl: string, calls: ReadonlyArray<Record<string, unknown>>): Promise<PostResult> {
  const response = await fetch(new URL('/v1/batch', relayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${CANARIES.relayKey}:`).toString('base64')}` },
    body: JSON.stringify({ batch: calls }),
  });
  await response.arrayBuffer();
  return { status: response.status };
}
