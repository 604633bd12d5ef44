// The streaming reader: gzip recognised by its magic bytes whatever the name, JSON lines vs CSV by
// content, resuming skips the lines already done, and a CSV without an email column is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { detectFormat, readHistoryFile, type HistoryFormat } from '../../../main/backfill/history-file-reader';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mjsc-reader-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function emails(path: string, format: HistoryFormat, skipLines = 0): Promise<Array<string | undefined>> {
  const found: Array<string | undefined> = [];
  for await (const { record } of readHistoryFile(path, format, { skipLines })) found.push(record !== undefined && 'contact' in record ? record.contact.email : undefined);
  return found;
}

const JSONL = ['{"type":"identify","userId":"1","traits":{"email":"a@example.com"}}', '{"type":"track","userId":"1","event":"x"}', '{"type":"identify","userId":"3","traits":{"email":"c@example.com"}}'].join('\n');

it.each([
  ['history.txt', gzipSync(JSONL), 'jsonl.gz'],
  ['history.gz', JSONL, 'jsonl'],
  ['users.jsonl', gzipSync('\uFEFFemail,plan\nb@example.com,pro\n'), 'csv.gz'],
  ['users', 'email,plan\nb@example.com,pro\n', 'csv'],
])('recognises %s by its content', async (name, content, format) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  expect(await detectFormat(path)).toBe(format);
});

it('reads a gzipped file line by line and resumes after the lines already done', async () => {
  const path = join(dir, 'history.bin');
  writeFileSync(path, gzipSync(JSONL));
  expect(await emails(path, 'jsonl.gz')).toEqual(['a@example.com', undefined, 'c@example.com']);
  expect(await emails(path, 'jsonl.gz', 2)).toEqual(['c@example.com']);
});

it('refuses a CSV without an email column, naming what to rename', async () => {
  const path = join(dir, 'users.csv');
  writeFileSync(path, 'name,phone\nAda,123\n');
  await expect(emails(path, 'csv')).rejects.toMatchObject({ code: 'backfill_csv_no_email', message: expect.stringMatching(/Name it "email"/) });
});
