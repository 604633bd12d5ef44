// History files for the import tests, written on the fly: Segment identify lines in the archive shape
// (one message a line, as Segment's S3 / warehouse exports hold them), shuffled versions of each contact.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { StagedContact } from '../../../main/storage/backfill-store';

export interface HistoryPlan {
  contacts: number;
  /** Identify calls per contact, with rising timestamps; the last has plan `v<versions-1>`. */
  versions: number;
  /** Non-identify lines added (skipped with a reason). */
  tracks?: number;
}

/** Every contact's calls appear in a fixed shuffled order, so the latest is not simply the last line. */
export function historyLines(plan: HistoryPlan): string[] {
  const lines: string[] = [];
  for (let version = 0; version < plan.versions; version++) {
    for (let n = 0; n < plan.contacts; n++) {
      const at = new Date(Date.UTC(2025, 0, 1) + n * 1000 + version * 86_400_000).toISOString();
      lines.push(JSON.stringify({ type: 'identify', userId: `user-${n}`, messageId: `hist-${n}-${version}`, timestamp: at, traits: { email: `Person${n}@Example.com`, plan: `v${version}`, seen: version } }));
    }
  }
  for (let t = 0; t < (plan.tracks ?? 0); t++) lines.push(JSON.stringify({ type: 'track', userId: `user-${t}`, event: 'Signed In', timestamp: '2025-03-01T00:00:00Z' }));
  // A deterministic shuffle (LCG): versions of one contact are scattered over the file.
  let seed = 42;
  for (let i = lines.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = seed % (i + 1);
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
  }
  return lines;
}

export function writeHistory(path: string, plan: HistoryPlan, options: { gzip?: boolean } = {}): void {
  const text = `${historyLines(plan).join('\n')}\n`;
  writeFileSync(path, options.gzip === true ? gzipSync(text) : text);
}

/** Staged contact number `n` (person<n>@example.com), as the reader stages an identify line. */
export function stagedContact(n: number): StagedContact {
  return {
    emailKey: `person${n}@example.com`,
    email: `person${n}@example.com`,
    messageAt: Date.UTC(2025, 0, 1) + n,
    payload: JSON.stringify({ type: 'identify', traits: { email: `person${n}@example.com` } }),
  };
}
