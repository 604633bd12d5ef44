// "Import history" (Receive): pick Segment history files (JSON lines, gzipped or not, or CSV), see the
// dry run's summary, then start the import; its progress bar and Cancel. Files reach the back end in
// chunks; an import started elsewhere (mjsc backfill) shows here too.
import { useCallback, useEffect, useId, useState } from 'react';
import type { BackfillProgress } from '../../shared/api';
import { uploadHistoryFile } from '../backfill-upload';
import { toConnectorError, type ConnectorError } from '../connector-error';
import { useConnector } from '../hooks/use-connector';
import { useConnectorMethod } from '../hooks/use-connector-call';
import { usePolling } from '../hooks/use-polling';
import { BackfillProgressView } from './BackfillProgressView';
import { BusyButton } from './BusyButton';
import { ErrorAlert } from './ErrorAlert';

const POLL_MS = 500;
const isActive = (progress: BackfillProgress | null): boolean => progress?.phase === 'reading' || progress?.phase === 'delivering';

export function HistoryImport() {
  const connector = useConnector();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [uploads, setUploads] = useState<string[] | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [progress, setProgress] = useState<BackfillProgress | null>(null);
  const [uploadError, setUploadError] = useState<ConnectorError | null>(null);
  const start = useConnectorMethod('startBackfill');
  const read = useConnectorMethod('getBackfill');
  const cancel = useConnectorMethod('cancelBackfill');

  const { run: readBackfill } = read;
  // An import already running (after a restart, or from mjsc backfill) is shown at once.
  useEffect(() => {
    void readBackfill({}).then((answer) => {
      if (answer?.backfill && isActive(answer.backfill)) {
        setProgress(answer.backfill);
        setOpen(true);
      }
    });
  }, [readBackfill]);
  const poll = useCallback(async () => {
    if (!isActive(progress) || progress === null) return;
    const answer = await readBackfill({ id: progress.id });
    if (answer?.backfill) setProgress(answer.backfill);
  }, [progress, readBackfill]);
  usePolling(poll, POLL_MS, progress?.id ?? null);

  const uploadAll = async (): Promise<string[] | null> => {
    if (uploads !== null) return uploads;
    setUploadError(null);
    try {
      const ids: string[] = [];
      let before = 0;
      for (const file of files) {
        ids.push(await uploadHistoryFile(connector, file, (bytes) => setSent(before + bytes)));
        before += file.size;
      }
      setUploads(ids);
      return ids;
    } catch (thrown) {
      setUploadError(toConnectorError(thrown));
      return null;
    } finally {
      setSent(null);
    }
  };
  const run = async (dryRun: boolean): Promise<void> => {
    const ids = await uploadAll();
    if (ids === null) return;
    const started = await start.run({ uploads: ids, dryRun });
    if (started) setProgress(started);
  };
  const onCancel = async (): Promise<void> => {
    const answer = await cancel.run({ ...(progress ? { id: progress.id } : {}) });
    if (answer?.backfill) setProgress(answer.backfill);
  };
  const onPick = (picked: FileList | null): void => {
    setFiles(picked ? [...picked] : []);
    setUploads(null);
    setProgress(null);
  };

  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const active = isActive(progress);
  const checked = progress?.dryRun === true && progress.phase === 'done' && uploads !== null;
  const busy = start.busy || sent !== null;
  return (
    <div className="history-import">
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Import history
      </button>
      {open && (
        <div className="history-import-panel">
          <p className="hint">
            Add the contacts Segment already knows: identify calls as JSON lines (Segment's archive, S3 or warehouse export, gzipped or not), or a CSV of users with an email column. They go into the selected list through the same queue as live calls; a newer live identify is never overwritten.
          </p>
          <label htmlFor={inputId}>History files</label>
          <input id={inputId} type="file" multiple disabled={busy || active} onChange={(event) => onPick(event.target.files)} />
          {sent !== null && <p aria-live="polite">Uploading: {Math.floor((sent / Math.max(1, totalBytes)) * 100)}% of {files.length === 1 ? 'the file' : `${files.length} files`}.</p>}
          <div className="actions">
            <BusyButton busy={busy && !checked} disabled={files.length === 0 || active} onClick={() => void run(true)}>Check files</BusyButton>
            <BusyButton busy={busy && checked} disabled={!checked || active} onClick={() => void run(false)}>Start import</BusyButton>
            {active && <BusyButton busy={cancel.busy} onClick={() => void onCancel()}>Cancel import</BusyButton>}
          </div>
          {progress && <BackfillProgressView progress={progress} />}
          <ErrorAlert error={uploadError ?? start.error ?? cancel.error ?? read.error} />
        </div>
      )}
    </div>
  );
}
