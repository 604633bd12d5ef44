// Mailjet's event callback URLs (eventcallbackurl): list every row, create, point at a new URL, delete,
// and read one back. What to change is decided in main/connector (callback-plan.ts); this only talks
// to Mailjet. It never logs a URL (ours carries the events secret).
import type { MailjetRest } from './rest-core';

const RESOURCE = 'eventcallbackurl';

/** One row of eventcallbackurl, as Mailjet returns it. */
export interface CallbackRecord {
  ID: number;
  EventType: string;
  Url: string;
  IsBackup: boolean;
  Status?: string;
  Version?: number;
}

export interface NewCallback {
  eventType: string;
  url: string;
  version: number;
}

/** Every row, past the first page of 10. */
export function listCallbacks(rest: MailjetRest): Promise<CallbackRecord[]> {
  return rest.listAll<CallbackRecord>(RESOURCE);
}

/** Creates a primary (not backup) callback; returns the new row's ID when Mailjet gives one. */
export async function createCallback(rest: MailjetRest, callback: NewCallback): Promise<number | undefined> {
  const created = await rest.request<{ Data?: CallbackRecord[] }>('POST', RESOURCE, {
    body: { EventType: callback.eventType, Url: callback.url, Version: callback.version, IsBackup: false },
  });
  return created?.Data?.[0]?.ID;
}

export async function updateCallbackUrl(rest: MailjetRest, id: number, target: { url: string; version: number }): Promise<void> {
  await rest.request('PUT', `${RESOURCE}/${id}`, { body: { Url: target.url, Version: target.version } });
}

export async function deleteCallback(rest: MailjetRest, id: number): Promise<void> {
  await rest.request('DELETE', `${RESOURCE}/${id}`);
}

export async function readCallback(rest: MailjetRest, id: number): Promise<CallbackRecord | undefined> {
  const page = await rest.request<{ Data?: CallbackRecord[] }>('GET', `${RESOURCE}/${id}`);
  return page?.Data?.[0];
}
