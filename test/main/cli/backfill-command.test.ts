// `mjsc backfill` with a connector already running on the data dir: the command finds it through the
// local control socket and the running connector does the import (this process never opens the
// database, whose lock the connector holds). Also: bad arguments exit 2 with one line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackfillProgress } from '../../../shared/api';
import { backfillCommand } from '../../../main/cli/backfill-command';
import { exitCodeFor } from '../../../main/cli/cli-errors';
import { openLocalControlSocket, type LocalControlSocket } from '../../../main/control/local-control-socket';
import { startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';
import { writeHistory } from '../backfill/history-fixtures';
import { fakeCliIo } from './fake-cli-io';

let harness: ConnectorHarness;
let socket: LocalControlSocket | undefined;

beforeEach(async () => {
  harness = await startConnectorHarness();
  // The shells (mjsc relay, the desktop app) open the local control socket; here the test does.
  socket = await openLocalControlSocket({ api: harness.host.api, dataDir: harness.dataDir, logger: { warn: () => undefined, error: () => undefined } });
});
afterEach(async () => {
  await socket?.close();
  await harness.stop();
});

describe('mjsc backfill', () => {
  it('hands the import to the connector running on the data dir, and ends with a JSON summary', async () => {
    const listId = harness.mailjet.seedList({ Name: 'History' }).ID;
    await harness.ok('enableReceive', { listId });
    const file = join(harness.dataDir, 'history.jsonl');
    writeHistory(file, { contacts: 40, versions: 2, tracks: 2 });
    const io = fakeCliIo();

    const code = await backfillCommand.run([file, '--json', '--data-dir', harness.dataDir], io);

    expect(io.stderr()).not.toMatch(/mjsc: /);
    expect(code).toBe(0);
    const lines = io.stdout().trim().split('\n');
    const summary = JSON.parse(lines.at(-1) ?? '') as BackfillProgress;
    expect(summary).toMatchObject({ phase: 'done', linesRead: 82, contacts: 40, delivered: 40, created: 40 });
    expect(lines[0]).toMatch(/^Import \d+ done: 82 lines read from history\.jsonl$/);
    expect(io.stdout()).toContain('2  a track call (only identify calls update Mailjet)');
    expect(harness.mailjet.contacts).toHaveLength(40);
    expect(harness.mailjet.contact('person7@example.com')?.Properties.plan).toBe('v1');
  });

  it('a dry run through the running connector sends nothing to Mailjet', async () => {
    const file = join(harness.dataDir, 'users.csv');
    writeFileSync(file, 'email,plan\nada@example.com,pro\nada@example.com,team\n');
    const io = fakeCliIo();
    harness.mailjet.clearRequests();

    const code = await backfillCommand.run([file, '--dry-run', '--data-dir', harness.dataDir], io);

    expect(code).toBe(0);
    expect(io.stdout()).toMatch(/Dry run \d+ done: 2 lines read/);
    expect(io.stdout()).toContain('1 contacts: 1 would be created, 0 would be updated');
    expect(harness.mailjet.requests.filter((r) => r.path.includes('managemany'))).toEqual([]);
  });

  it('refuses a bad --list with exit code 2', async () => {
    const error = await backfillCommand.run(['x.jsonl', '--list', 'abc', '--data-dir', harness.dataDir], fakeCliIo()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/--list must be a positive whole number/);
    expect(exitCodeFor(error)).toBe(2);
  });
});
