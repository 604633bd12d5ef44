// What the benchmarks post: numbered Mailjet "open" events (every one a new messageId), numbered Segment
// identify calls in /v1/batch bodies, and the bench secrets. Pure, shared by the runner and the load
// process; it opens no socket.
import type { BodyRecipe } from './load-generator';

/** Bench-only secrets: never real keys, never logged. */
export const BENCH_SECRETS = {
  mailjetApiKey: 'benchMailjetApiKey',
  mailjetSecretKey: 'benchMailjetSecretKey',
  segmentWriteKey: 'benchSegmentWriteKey',
  relayKey: 'benchRelayKey',
  eventsSecret: 'benchEventsSecret',
} as const;

export const MAILJET_EVENTS_PATH = '/mailjet/events';

export function mailjetHeaders(): Record<string, string> {
  return {
    'content-type': 'application/json',
    authorization: `Basic ${Buffer.from(`mailjet:${BENCH_SECRETS.eventsSecret}`).toString('base64')}`,
  };
}

/** One realistic Version-2 "open" event (about 400 bytes); MessageID above 2^53, as Mailjet sends. */
export function openEvent(n: number): string {
  return `{"event":"open","time":${1433103519 + (n % 86_400)},"MessageID":${19421777396190490n + BigInt(n)},` +
    `"Message_GUID":"1ab23cd4-e567-8901-2345-${String(n).padStart(12, '0')}","email":"reader${n}@example.com",` +
    `"mj_campaign_id":7173,"mj_contact_id":${n},"customcampaign":"bench-campaign","CustomID":"bench-${n}","Payload":"",` +
    `"ip":"127.0.0.1","geo":"US","agent":"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}`;
}

export const SEGMENT_BATCH_PATH = '/v1/batch';

/** The relay key as the write key (Basic user), as an analytics library pointed at the relay sends it. */
export function segmentHeaders(): Record<string, string> {
  return { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${BENCH_SECRETS.relayKey}:`).toString('base64')}` };
}

/** The email of contact n, as identifyCall(n) sends it. */
export function identifyEmailOf(n: number): string {
  return `member${n}@example.com`;
}

/** One identify call (about 330 bytes) with the traits a product sends: a name, a plan, a count, a date. */
export function identifyCall(n: number): string {
  return `{"type":"identify","userId":"user-${n}","messageId":"bench-identify-${n}","timestamp":"2026-11-30T12:00:00.000Z",` +
    `"traits":{"email":"${identifyEmailOf(n)}","firstName":"Member","lastName":"${n}","plan":"${n % 3 === 0 ? 'pro' : 'free'}",` +
    `"logins":${n % 1000},"createdAt":"2026-01-0${1 + (n % 9)}T08:00:00.000Z"},"context":{"library":{"name":"analytics-node","version":"6.0.0"}}}`;
}

/** Request i of a recipe: eventsPerRequest consecutive events, numbered from firstEvent. */
export function bodyForRecipe(recipe: BodyRecipe): (index: number) => string {
  return (index) => {
    const first = recipe.firstEvent + index * recipe.eventsPerRequest;
    if (recipe.kind === 'segment-identify') {
      const calls: string[] = [];
      for (let n = first; n < first + recipe.eventsPerRequest; n += 1) calls.push(identifyCall(n));
      return `{"batch":[${calls.join(',')}],"sentAt":"2026-11-30T12:00:01.000Z"}`;
    }
    if (recipe.single === true) return openEvent(first);
    const events: string[] = [];
    for (let n = first; n < first + recipe.eventsPerRequest; n += 1) events.push(openEvent(n));
    return `[${events.join(',')}]`;
  };
}
