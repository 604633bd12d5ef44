// Streams one history file, whole files never held in memory: gzip is recognised by its magic bytes
// (not the name), JSON lines go through readline over the (gunzipped) stream, CSV through csv-parse.
// Resuming skips the lines a checkpoint says are done.
import { parse as parseCsv } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BackfillError } from './backfill-errors';
import { findCsvColumns, readCsvRow, readJsonLine, type HistoryRecord } from './history-record';

export type HistoryFormat = 'jsonl' | 'jsonl.gz' | 'csv' | 'csv.gz';

export interface ReadOptions {
  /** Lines (JSON lines) or data rows (CSV) already done, skipped without parsing. */
  skipLines: number;
  /** Called with the raw (compressed) bytes read so far. */
  onBytes?: (bytes: number) => void;
}

/** One record per line or row, numbered from 1; blank JSON lines count as lines but yield nothing. */
export interface NumberedRecord {
  line: number;
  record: HistoryRecord | undefined;
}

const GZIP_MAGIC = [0x1f, 0x8b];

export async function detectFormat(path: string): Promise<HistoryFormat> {
  const head = await readHead(path, 2);
  const gzipped = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  const first = await firstCharacter(path, gzipped);
  const json = first === '{' || first === undefined;
  return `${json ? 'jsonl' : 'csv'}${gzipped ? '.gz' : ''}` as HistoryFormat;
}

export async function* readHistoryFile(path: string, format: HistoryFormat, options: ReadOptions): AsyncGenerator<NumberedRecord> {
  const text = openText(path, format.endsWith('.gz'), options.onBytes);
  try {
    if (format.startsWith('jsonl')) yield* readJsonLines(text, options.skipLines);
    else yield* readCsvRows(path, text, options.skipLines);
  } finally {
    text.destroy();
  }
}

async function* readJsonLines(text: Readable, skipLines: number): AsyncGenerator<NumberedRecord> {
  let line = 0;
  for await (const content of createInterface({ input: text, crlfDelay: Infinity })) {
    line += 1;
    if (line <= skipLines) continue;
    yield { line, record: readJsonLine(content) };
  }
}

async function* readCsvRows(path: string, text: Readable, skipLines: number): AsyncGenerator<NumberedRecord> {
  const rows = text.pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }));
  let line = 0;
  let columns: ReturnType<typeof findCsvColumns>;
  try {
    for await (const row of rows as AsyncIterable<Record<string, string>>) {
      if (columns === undefined) {
        columns = findCsvColumns(Object.keys(row));
        if (columns === undefined) throw BackfillError.csvWithoutEmail(path, Object.keys(row));
      }
      line += 1;
      if (line <= skipLines) continue;
      yield { line, record: readCsvRow(row, columns) };
    }
  } finally {
    rows.destroy();
  }
}

function openText(path: string, gzipped: boolean, onBytes: ((bytes: number) => void) | undefined): Readable {
  const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
  let bytes = 0;
  if (onBytes !== undefined) {
    raw.on('data', (chunk: Buffer | string) => {
      bytes += chunk.length;
      onBytes(bytes);
    });
  }
  if (!gzipped) return raw;
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  gunzip.on('close', () => raw.destroy());
  return raw.pipe(gunzip);
}

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw BackfillError.fileUnreadable(path, error);
  });
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The first non-blank character of the (decompressed) text, read from a short-lived stream. */
async function firstCharacter(path: string, gzipped: boolean): Promise<string | undefined> {
  const text = openText(path, gzipped, undefined);
  try {
    for await (const chunk of text as AsyncIterable<Buffer>) {
      const found = chunk.toString('utf8').replace(/^\uFEFF/, '').trimStart();
      if (found !== '') return found[0];
    }
    return undefined;
  } catch (error) {
    throw BackfillError.fileUnreadable(path, error);
  } finally {
    text.destroy();
  }
}
