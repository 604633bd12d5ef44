// Upserts contacts into one Mailjet list (docs/mailjet-segment-contracts.md#managecontact, docs/mailjet-segment-contracts.md#managemanycontacts): one
// contact by managecontact, several by one bulk job polled to completion. Per-contact errors exist
// only inside a job, so a job that reports any is replayed contact by contact (upserts are keyed by
// email, so replaying is harmless) to learn which contact failed and why. Never sends IsExcludedFromCampaigns.
import type { PropertyValue } from '../../../shared/property-types';
import { CodedError } from '../../errors/coded-error';
import { MailjetApiError } from './mailjet-api-error';
import type { MailjetRest } from './rest-core';

export interface ContactUpsert {
  Email: string;
  Name?: string;
  /** An object: Mailjet silently ignores Properties sent as a JSON string. */
  Properties: Record<string, PropertyValue>;
}

export type UpsertOutcome = { ok: true } | { ok: false; error: unknown };

export interface JobPolling {
  firstDelayMs: number;
  maxDelayMs: number;
  /** Give up waiting (and retry the contacts later) after this long. */
  maxWaitMs: number;
}

export interface BulkUpsertDeps {
  rest: Pick<MailjetRest, 'request'>;
  polling?: JobPolling;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_JOB_POLLING: Readonly<JobPolling> = { firstDelayMs: 250, maxDelayMs: 5_000, maxWaitMs: 10 * 60_000 };

/** Keeps the connector's own upsert semantics: never re-subscribes someone who unsubscribed. */
const ACTION = 'addnoforce';
const FINISHED = new Set(['Completed', 'Error', 'Abort']);

/** Retryable by its code (the one table), not by a made-up HTTP status. */
export class BulkJobTimeoutError extends CodedError<'mailjet_job_timeout'> {
  constructor(waitedMs: number) {
    super('mailjet_job_timeout', `Mailjet's contact import job did not finish within ${Math.round(waitedMs / 1000)} s; the contacts are sent again later.`);
    this.name = 'BulkJobTimeoutError';
  }
}

/**
 * The job's status page answered 404: Mailjet no longer knows the job (expired, or lost on its side).
 * The list itself may be fine, so this is retried (its code is retryable), never read as a deleted
 * list; the contacts go again in a new job, which is harmless because upserts are keyed by email.
 */
export class BulkJobLostError extends CodedError<'mailjet_job_lost'> {
  constructor(jobId: string) {
    super('mailjet_job_lost', `Mailjet no longer knows contact import job ${jobId} (HTTP 404 while waiting for it); the contacts are sent again later.`);
    this.name = 'BulkJobLostError';
  }
}

/** One outcome per contact, in order. Throws when the whole request failed (list gone, bad keys, Mailjet down). */
export async function upsertContacts(deps: BulkUpsertDeps, listId: number, contacts: readonly ContactUpsert[]): Promise<UpsertOutcome[]> {
  if (contacts.length === 0) return [];
  if (contacts.length === 1) return [await upsertOne(deps, listId, contacts[0] as ContactUpsert, 'throw-retryable')];
  let jobId: string;
  try {
    const created = await deps.rest.request<{ Data?: Array<{ JobID?: unknown }> }>('POST', `contactslist/${listId}/managemanycontacts`, {
      body: { Action: ACTION, Contacts: contacts },
    });
    jobId = String(created?.Data?.[0]?.JobID ?? '');
  } catch (error) {
    // Too many contacts for one job (Mailjet does not document its limit; CONTACTS_PER_JOB is a peer's
    // 5,000): two half-size jobs, not thousands of single calls.
    if (isTooLarge(error)) {
      const middle = Math.ceil(contacts.length / 2);
      const first = await upsertContacts(deps, listId, contacts.slice(0, middle));
      return [...first, ...(await upsertContacts(deps, listId, contacts.slice(middle)))];
    }
    // Mailjet refused the body as a whole: find the contact(s) it objects to one by one.
    if (isContactError(error)) return replayOneByOne(deps, listId, contacts);
    throw error;
  }
  if (!/^\d+$/.test(jobId)) return replayOneByOne(deps, listId, contacts);
  const job = await waitForJob(deps, listId, jobId);
  if (job.Status === 'Completed' && (typeof job.Error !== 'string' || job.Error === '')) return contacts.map(() => ({ ok: true }));
  return replayOneByOne(deps, listId, contacts);
}

async function waitForJob(deps: BulkUpsertDeps, listId: number, jobId: string): Promise<{ Status?: unknown; Error?: unknown }> {
  const polling = deps.polling ?? DEFAULT_JOB_POLLING;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let waited = 0;
  let delay = polling.firstDelayMs;
  while (waited < polling.maxWaitMs) {
    await sleep(delay);
    waited += delay;
    delay = Math.min(delay * 2, polling.maxDelayMs);
    const page = await readJob(deps, listId, jobId);
    const job = page?.Data?.[0];
    if (job !== undefined && typeof job.Status === 'string' && FINISHED.has(job.Status)) return job;
  }
  throw new BulkJobTimeoutError(waited);
}

async function readJob(deps: BulkUpsertDeps, listId: number, jobId: string): Promise<{ Data?: Array<{ Status?: unknown; Error?: unknown }> }> {
  try {
    return await deps.rest.request('GET', `contactslist/${listId}/managemanycontacts/${jobId}`);
  } catch (error) {
    if (error instanceof MailjetApiError && error.code === 'mailjet_not_found') throw new BulkJobLostError(jobId);
    throw error;
  }
}

async function replayOneByOne(deps: BulkUpsertDeps, listId: number, contacts: readonly ContactUpsert[]): Promise<UpsertOutcome[]> {
  const outcomes: UpsertOutcome[] = [];
  for (const contact of contacts) outcomes.push(await upsertOne(deps, listId, contact, 'keep-retryable'));
  return outcomes;
}

/**
 * A contact-level refusal (400/422: a bad value, an undefined property) is that contact's outcome.
 * A missing list or refused keys concern every contact: thrown. A retryable failure is thrown for a
 * single upsert and kept as the contact's outcome while replaying a job (the others may have gone in).
 */
async function upsertOne(deps: BulkUpsertDeps, listId: number, contact: ContactUpsert, retryable: 'throw-retryable' | 'keep-retryable'): Promise<UpsertOutcome> {
  try {
    await deps.rest.request('POST', `contactslist/${listId}/managecontact`, { body: { ...contact, Action: ACTION } });
    return { ok: true };
  } catch (error) {
    if (isContactError(error)) return { ok: false, error };
    if (retryable === 'keep-retryable' && error instanceof MailjetApiError && error.retryable) return { ok: false, error };
    throw error;
  }
}

function isTooLarge(error: unknown): boolean {
  return error instanceof MailjetApiError && error.status === 413;
}

function isContactError(error: unknown): boolean {
  return error instanceof MailjetApiError && error.isContentRefusal;
}
