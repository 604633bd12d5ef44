// The history import's ConnectorApi methods over one running connector: uploads, start (or resume the
// same files' unfinished import), progress and cancel. Contacts go into the selected list through the
// item queue, like live identify calls; `listId` may only choose that list, never a second target.
import type { BackfillProgress, ConnectorApi } from '../../shared/api';
import type { RelayLogger } from '../logging/relay-logger';
import type { BackfillStore } from '../storage/backfill-store';
import { BackfillError } from './backfill-errors';
import { describeFile, sameFiles, type BackfillFile } from './backfill-files';
import { createBackfillRunner, type BackfillRunner, type BackfillRunnerDeps } from './backfill-runner';
import { createBackfillUploads } from './backfill-uploads';

export type BackfillApi = Pick<ConnectorApi, 'uploadBackfillChunk' | 'startBackfill' | 'getBackfill' | 'cancelBackfill'>;

export interface BackfillServiceDeps {
  store: BackfillStore;
  nudge: () => void;
  logger: RelayLogger;
  /** The selected list (null when none). */
  selectedListId: () => number | null;
  /** Selects a list for receiving, as enableReceive does. */
  chooseList: (listId: number) => Promise<void>;
  /** Where uploads are kept; without it the UI cannot upload. */
  dataDir?: string;
  tuning?: Pick<BackfillRunnerDeps, 'chunkLines' | 'queueWindow' | 'pollMs'>;
}

export interface BackfillService {
  api: BackfillApi;
  runner: BackfillRunner;
  stop(): Promise<void>;
}

export function createBackfillService(deps: BackfillServiceDeps): BackfillService {
  const uploads = createBackfillUploads(deps.dataDir);
  const runner = createBackfillRunner({
    store: deps.store,
    nudge: deps.nudge,
    logger: deps.logger,
    ...deps.tuning,
    // A dry run keeps its uploads: the real import of the same files follows it.
    onEnded: (row) => {
      if (row.dryRun && row.state === 'done') return;
      for (const file of Array.isArray(row.files) ? (row.files as BackfillFile[]) : []) if (file.uploaded === true) void uploads.remove(file.path);
    },
  });
  runner.resumeUnfinished();

  const idOf = (id: string | undefined): number | undefined => (id === undefined ? runner.latestId() : Number(id));
  const progressOf = async (id: string | undefined): Promise<BackfillProgress | null> => {
    const numeric = idOf(id);
    if (numeric === undefined) return null;
    const progress = Number.isSafeInteger(numeric) ? await runner.progress(numeric) : undefined;
    if (progress === undefined) throw BackfillError.notFound(String(id));
    return progress;
  };

  async function listFor(asked: number | undefined, dryRun: boolean): Promise<number | null> {
    const selected = deps.selectedListId();
    if (asked !== undefined && selected !== null && asked !== selected) throw BackfillError.listMismatch(asked, selected);
    if (dryRun) return asked ?? selected;
    if (asked !== undefined && selected === null) await deps.chooseList(asked);
    const listId = asked ?? selected;
    if (listId === null) throw BackfillError.noList();
    return listId;
  }

  const api: BackfillApi = {
    uploadBackfillChunk: (chunk) => uploads.receive(chunk),
    async startBackfill(arg) {
      const dryRun = arg.dryRun ?? false;
      const listId = await listFor(arg.listId, dryRun);
      const files: BackfillFile[] = [];
      for (const path of arg.files ?? []) files.push(await describeFile(path));
      for (const uploadId of arg.uploads ?? []) {
        const upload = await uploads.resolve(uploadId);
        files.push(await describeFile(upload.path, upload.name, true));
      }
      if (files.length === 0) throw BackfillError.noFiles();
      // The same files again after an interruption: the unfinished import resumes instead of starting over.
      const unfinished = dryRun ? undefined : deps.store.unfinished().find((row) => Array.isArray(row.files) && sameFiles(row.files as BackfillFile[], files));
      if (unfinished !== undefined) {
        runner.resumeUnfinished();
        return (await runner.progress(unfinished.id)) as BackfillProgress;
      }
      deps.logger.info({ files: files.length, dryRun }, 'history import started');
      return runner.start(files, { dryRun, listId });
    },
    getBackfill: async (arg) => ({ backfill: await progressOf(arg.id) }),
    async cancelBackfill(arg) {
      const id = idOf(arg.id);
      if (id === undefined) return { backfill: null };
      if (!Number.isSafeInteger(id)) throw BackfillError.notFound(String(arg.id));
      await runner.cancel(id);
      return { backfill: await progressOf(String(id)) };
    },
  };
  return { api, runner, stop: () => runner.stop() };
}
