// The local control socket: a running host answers ConnectorApi calls on <dataDir>/control.sock
// (user-only), a stale socket left by a killed connector is removed at start, and a stopped host is
// no longer found.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findRunningConnector, RunningConnectorError } from '../../../main/cli/running-connector';
import { openLocalControlSocket, type LocalControlSocket } from '../../../main/control/local-control-socket';
import { pollUntil } from '../../support/condition-polling';
import { startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

let harness: ConnectorHarness | undefined;
let socket: LocalControlSocket | undefined;
const quiet = { warn: () => undefined, error: () => undefined };
/** What the shells (mjsc relay, the desktop app) do right after the host starts. */
async function openSocket(): Promise<void> {
  socket = await openLocalControlSocket({ api: harness!.host.api, dataDir: harness!.dataDir, logger: quiet });
}
afterEach(async () => {
  await socket?.close();
  await harness?.stop();
  harness = undefined;
  socket = undefined;
});

describe('local control socket', () => {
  it('serves the control API to findRunningConnector, user-only, and is gone after close', async () => {
    harness = await startConnectorHarness();
    await openSocket();
    const socketPath = join(harness.dataDir, 'control.sock');
    expect(statSync(socketPath).mode & 0o777).toBe(0o600);

    const running = await findRunningConnector(harness.dataDir);
    expect(running?.path).toBe(socketPath);
    const status = await running!.call('getStatus', {});
    expect(status.credentials.segment).toBe('present');
    const info = await running!.call('getConnectionInfo', {});
    expect(info.relayKey).toBe((await harness.ok('getConnectionInfo', {})).relayKey);

    await expect(running!.call('getActivity', { limit: 0 })).rejects.toMatchObject({ code: 'invalid_argument', httpStatus: 400 });
    await expect(running!.call('getActivity', { limit: 0 })).rejects.toBeInstanceOf(RunningConnectorError);

    await socket?.close();
    socket = undefined;
    expect(existsSync(socketPath)).toBe(false);
    expect(await findRunningConnector(harness.dataDir)).toBeUndefined();
  });

  it('treats a socket left by a killed connector as not running, and a new socket replaces it', async () => {
    harness = await startConnectorHarness();
    const socketPath = join(harness.dataDir, 'control.sock');
    // A process that listens on the path and dies by SIGKILL leaves the socket file behind.
    const child = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(socketPath)}, () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    expect(existsSync(socketPath)).toBe(true);
    expect(await findRunningConnector(harness.dataDir)).toBeUndefined();

    await openSocket();
    await pollUntil(async () => (await findRunningConnector(harness!.dataDir)) !== undefined, 'the new socket');
    const running = await findRunningConnector(harness.dataDir);
    expect((await running!.call('getStatus', {})).receive.enabled).toBe(false);
  });
});
