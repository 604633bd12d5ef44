// contactslist/{id}/managemanycontacts: an asynchronous job that imports contacts after a configurable delay.
// The POST only ever answers a JobID; per-contact errors are visible only in the job (Error, ErrorFile).
import { applyContactAction, readAction } from './contact-actions.js';
import { liveListOr404 } from './contact-list-routes.js';
import { RestError, listResult, notFound, readId, requireObject, type RestRoute } from './rest-shapes.js';
import type { BulkJobRow, JobStatus, MailjetStore } from './store.js';

export interface BulkJobSettings {
  /** Jobs with more contacts are refused 413 (Mailjet's own limit is not documented; default: none). */
  maxContacts?: number;
  /** How long a job takes from Allocated to Completed; it reports Importing half way. */
  delayMs: number;
  /** The emulator's base URL, for the ErrorFile link. */
  baseUrl: () => string;
}

export class BulkJobRunner {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly forcedOutcomes: { status: 'Error' | 'Abort'; error: string }[] = [];

  constructor(
    private readonly store: MailjetStore,
    private readonly settings: BulkJobSettings,
  ) {}

  /** The next job ends in `status` without importing anything (a failed or aborted job on Mailjet's side). */
  /** Refuses a job body larger than the configured limit, as a proxy in front of Mailjet would. */
  checkSize(count: number): void {
    const limit = this.settings.maxContacts;
    if (limit !== undefined && count > limit) throw new RestError(413, 'Request Entity Too Large', { Contacts: `at most ${limit} contacts per job` });
  }

  failNextJob(status: 'Error' | 'Abort' = 'Error', error = 'Internal error while importing contacts'): void {
    this.forcedOutcomes.push({ status, error });
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  start(job: BulkJobRow): void {
    this.later(this.settings.delayMs / 2, () => {
      if (job.Status === 'Allocated') job.Status = 'Importing';
    });
    this.later(this.settings.delayMs, () => this.finish(job));
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private finish(job: BulkJobRow): void {
    const forced = this.forcedOutcomes.shift();
    const list = this.store.liveList(job.ListID);
    if (forced !== undefined || list === undefined) {
      this.end(job, forced?.status ?? 'Error', forced?.error ?? 'Contacts list not found');
      return;
    }
    for (const input of job.contacts) {
      try {
        applyContactAction(this.store, list, job.Action, input);
      } catch (error) {
        if (!(error instanceof RestError)) throw error;
        const email = typeof input === 'object' && input !== null && 'Email' in input ? String(input.Email) : '';
        job.errors.push({ Email: email, Error: error.message });
      }
    }
    job.Count = job.contacts.length;
    if (job.errors.length > 0) {
      job.ErrorFile = `${this.settings.baseUrl()}/v3/DATA/batchjob/${job.JobID}/CSVError/text:csv`;
      this.end(job, 'Completed', `${job.errors.length} of ${job.contacts.length} contacts could not be imported`);
    } else {
      this.end(job, 'Completed', '');
    }
  }

  private end(job: BulkJobRow, status: JobStatus, error: string): void {
    job.Status = status;
    job.Error = error;
    job.JobEnd = this.store.timestamp();
  }
}

function jobView(job: BulkJobRow): Record<string, unknown> {
  return {
    ContactsLists: [{ ListID: job.ListID, Action: job.Action }],
    Count: job.Count,
    Error: job.Error,
    ErrorFile: job.ErrorFile,
    JobEnd: job.JobEnd,
    JobStart: job.JobStart,
    Status: job.Status,
  };
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function bulkJobRoutes(runner: BulkJobRunner): RestRoute[] {
  return [
    {
      method: 'POST',
      path: 'contactslist/:id/managemanycontacts',
      handle: ({ store, params, body }) => {
        const list = liveListOr404(store, params.id);
        const fields = requireObject(body);
        const action = readAction(fields.Action);
        if (!Array.isArray(fields.Contacts) || fields.Contacts.length === 0) {
          throw new RestError(400, 'Invalid value for Contacts', { Contacts: 'must be a non-empty array' });
        }
        runner.checkSize(fields.Contacts.length);
        const job: BulkJobRow = {
          JobID: store.nextId('job'),
          ListID: list.ID,
          Action: action,
          Status: 'Allocated',
          Count: 0,
          Error: '',
          ErrorFile: '',
          JobStart: store.timestamp(),
          JobEnd: '',
          errors: [],
          contacts: fields.Contacts,
        };
        store.jobs.set(job.JobID, job);
        runner.start(job);
        return listResult([{ JobID: job.JobID }], 1, 201);
      },
    },
    {
      method: 'GET',
      path: 'contactslist/:id/managemanycontacts/:jobId',
      handle: ({ store, params }) => {
        const job = store.jobs.get(readId(params.jobId));
        if (job === undefined || job.ListID !== readId(params.id)) throw notFound();
        return listResult([jobView(job)]);
      },
    },
    {
      method: 'GET',
      api: 'DATA',
      path: 'batchjob/:jobId/csverror/text:csv',
      handle: ({ store, params }) => {
        const job = store.jobs.get(readId(params.jobId));
        if (job === undefined || job.errors.length === 0) throw notFound();
        const lines = job.errors.map((row) => `${csvField(row.Email)},${csvField(row.Error)}`);
        return { status: 200, text: ['Email,Error', ...lines].join('\n') + '\n' };
      },
    },
  ];
}
