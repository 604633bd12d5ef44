// The Mailjet Event API as a sender: posts events to each type's primary callback, like Mailjet does.
// Version 1 posts one object per request; Version 2 posts arrays grouped per second (types mixed).
// Retries are bounded by the schedule given; it never retries forever and never sends to a backup row.
// It never sends beyond this machine: a callback on a non-loopback host is refused without a request.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIPv4 } from 'node:net';
import { stringifyWithBigInts } from './raw-json.js';
import type { CallbackRow, EventType, MailjetStore } from './store.js';

/** One Mailjet event. Give `MessageID` as a bigint to send a value above 2^53 exactly. */
export interface MailjetEventInput {
  event: EventType;
  time: number;
  email: string;
  MessageID: bigint | number;
  [field: string]: unknown;
}

export interface EmitOptions {
  /** Waits between attempts after a non-200 answer; its length bounds the retries. */
  retryDelaysMs?: number[];
  /** Per-attempt timeout. */
  timeoutMs?: number;
}

export interface EmitAttempt {
  status?: number;
  error?: string;
}

export interface EmitDelivery {
  callbackId: number;
  /** The callback URL without its userinfo. */
  url: string;
  version: 1 | 2;
  events: MailjetEventInput[];
  /** The exact JSON text posted. */
  body: string;
  attempts: EmitAttempt[];
  delivered: boolean;
  /** Why nothing was posted, e.g. `refused: non-loopback host hooks.example.com`; absent when it was tried. */
  refused?: string;
}

export interface EmitReport {
  deliveries: EmitDelivery[];
  /** Events whose type has no live primary callback: Mailjet drops them. */
  dropped: MailjetEventInput[];
}

/** One POST of `body` to `target` (userinfo included); resolves with the answer or the network error, never rejects. */
export type PostEvents = (target: string, body: string, timeoutMs: number) => Promise<EmitAttempt>;

interface PendingDelivery {
  callback: CallbackRow;
  events: MailjetEventInput[];
}

function primaryCallback(store: MailjetStore, eventType: EventType): CallbackRow | undefined {
  return [...store.callbacks.values()].find((row) => row.EventType === eventType && !row.IsBackup && row.Status === 'alive');
}

function planDeliveries(store: MailjetStore, events: MailjetEventInput[]): { pending: PendingDelivery[]; dropped: MailjetEventInput[] } {
  const pending: PendingDelivery[] = [];
  const groups = new Map<string, PendingDelivery>();
  const dropped: MailjetEventInput[] = [];
  for (const event of events) {
    const callback = primaryCallback(store, event.event);
    if (callback === undefined) {
      dropped.push(event);
    } else if (callback.Version === 1) {
      pending.push({ callback, events: [event] });
    } else {
      // Version 2 groups everything bound for the same URL within the same second, whatever its type.
      const key = `${callback.Url}\u0000${Math.floor(event.time)}`;
      const group = groups.get(key);
      if (group === undefined) {
        const created = { callback, events: [event] };
        groups.set(key, created);
        pending.push(created);
      } else {
        group.events.push(event);
      }
    }
  }
  return { pending, dropped };
}

/** Test and demo traffic stays on this machine: 127.0.0.0/8, localhost and [::1] only. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  // WHATWG URL parsing already normalises 127.1, 0x7f.0.0.1 and the like to dotted quads.
  return isIPv4(host) && host.startsWith('127.');
}

const postOnce: PostEvents = (target, body, timeoutMs) => {
  const url = new URL(target);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
  if (url.username !== '' || url.password !== '') {
    // Mailjet turns https://user:pass@host/ into an Authorization header; the URL it requests has no userinfo.
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.Authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(url, { method: 'POST', headers, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (error) => resolve({ error: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve({ error: error.message }));
    req.end(body);
  });
};

function withoutUserinfo(target: string): string {
  const url = new URL(target);
  url.username = '';
  url.password = '';
  return url.toString();
}

export async function emitEvents(store: MailjetStore, events: MailjetEventInput[], options: Required<EmitOptions>, post: PostEvents = postOnce): Promise<EmitReport> {
  const { pending, dropped } = planDeliveries(store, events);
  const deliveries: EmitDelivery[] = [];
  for (const { callback, events: batch } of pending) {
    const body = stringifyWithBigInts(callback.Version === 1 ? batch[0] : batch);
    const delivery: EmitDelivery = { callbackId: callback.ID, url: withoutUserinfo(callback.Url), version: callback.Version, events: batch, body, attempts: [], delivered: false };
    deliveries.push(delivery);
    const { hostname } = new URL(callback.Url);
    if (!isLoopbackHost(hostname)) {
      // Seeded foreign callbacks (the demo's CRM hook) must never turn an emit into real traffic off the machine.
      delivery.refused = `refused: non-loopback host ${hostname}`;
      continue;
    }
    for (let attempt = 0; attempt <= options.retryDelaysMs.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, options.retryDelaysMs[attempt - 1]));
      const outcome = await post(callback.Url, body, options.timeoutMs);
      delivery.attempts.push(outcome);
      // Only 200 counts: Mailjet retries any other answer, 201 and 204 included.
      if (outcome.status === 200) {
        delivery.delivered = true;
        break;
      }
    }
  }
  return { deliveries, dropped };
}
