// The reading half of an import: every file from the checkpoint on, into staged contacts, one
// transaction per chunk of lines together with the new checkpoint, so a crash re-reads at most a chunk.
import type { BackfillRow, BackfillStore, StagedContact } from '../storage/backfill-store';
import type { BackfillFile } from './backfill-files';
import type { LiveCounters } from './backfill-progress';
import { readHistoryFile } from './history-file-reader';

export interface ReadIntoStage {
  store: BackfillStore;
  row: BackfillRow;
  files: readonly BackfillFile[];
  chunkLines: number;
  counters: LiveCounters;
  shouldStop: () => boolean;
}

/** Resolves true when every file was read to its end, false when told to stop first. */
export async function readIntoStage(run: ReadIntoStage): Promise<boolean> {
  const { store, row, files, counters } = run;
  let linesRead = row.linesRead;
  const bytesBefore = (index: number): number => files.slice(0, index).reduce((sum, file) => sum + file.size, 0);
  for (let fileIndex = row.fileIndex; fileIndex < files.length; fileIndex += 1) {
    const file = files[fileIndex] as BackfillFile;
    const skipLines = fileIndex === row.fileIndex ? row.lineOffset : 0;
    let contacts: StagedContact[] = [];
    let skipped = new Map<string, number>();
    let line = skipLines;
    // Posted to the storage writer thread and awaited: the next chunk is read while nothing waits on the event loop.
    const flush = async (): Promise<void> => {
      const chunk = { contacts, skipped, fileIndex, lineOffset: line, linesRead };
      contacts = [];
      skipped = new Map();
      await store.later.stage(row.id, chunk);
    };
    const records = readHistoryFile(file.path, file.format, { skipLines, onBytes: (bytes) => void (counters.bytesRead = bytesBefore(fileIndex) + bytes) });
    for await (const next of records) {
      line = next.line;
      linesRead += 1;
      counters.linesRead = linesRead;
      const record = next.record;
      if (record !== undefined && 'contact' in record) contacts.push(record.contact);
      else if (record !== undefined) skipped.set(record.skipped, (skipped.get(record.skipped) ?? 0) + 1);
      if (line - skipLines > 0 && (line - skipLines) % run.chunkLines === 0) {
        await flush();
        if (run.shouldStop()) return false;
      }
    }
    await flush();
    // The file is done: the checkpoint moves to the start of the next one.
    await store.later.stage(row.id, { contacts: [], skipped: new Map(), fileIndex: fileIndex + 1, lineOffset: 0, linesRead });
    if (run.shouldStop()) return false;
  }
  counters.bytesRead = bytesBefore(files.length);
  return true;
}
