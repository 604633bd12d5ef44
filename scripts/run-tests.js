#!/usr/bin/env node
// Runs vitest inside a private D-Bus session with a throwaway gnome-keyring (a real Secret Service),
// so keychain tests never touch the user's own keyring and no daemon outlives the run.
// Missing system packages fail loudly with the exact install command; nothing is skipped silently.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const APT_PACKAGES = 'libsecret-1-dev gnome-keyring dbus-x11 dbus-user-session chromium xvfb xauth';
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const vitestArgs = process.argv.slice(2).filter((a) => a !== '--inside-dbus');

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function checkSystemPackages() {
  const missing = [];
  for (const cmd of ['dbus-run-session', 'gnome-keyring-daemon', 'dbus-send']) if (!hasCommand(cmd)) missing.push(cmd);
  if (!existsSync('/usr/bin/chromium')) missing.push('/usr/bin/chromium');
  if (!existsSync(join(projectRoot, 'node_modules/keytar/build/Release/keytar.node'))) missing.push('keytar native build (needs libsecret-1-dev, then `npm rebuild keytar`)');
  if (missing.length > 0) {
    process.stderr.write(
      `The tests need system packages that are missing: ${missing.join(', ')}.\n` +
        `Install them with:\n  sudo apt-get update && sudo apt-get install -y ${APT_PACKAGES} && npm rebuild keytar\n`,
    );
    process.exit(1);
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitForSecretService(daemon) {
  for (let i = 0; i < 100; i++) {
    if (daemon.exitCode !== null) throw new Error(`gnome-keyring-daemon exited early with code ${daemon.exitCode}`);
    // Ask the bus whether the name has an owner: pinging org.freedesktop.secrets itself would make D-Bus
    // auto-start a second, locked gnome-keyring with the user's real keyring dir, racing ours.
    const owner = spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'], { encoding: 'utf8' });
    if (owner.status === 0 && /boolean true/.test(owner.stdout)) return;
    await sleep(100);
  }
  throw new Error('the Secret Service did not come up on the private D-Bus session within 10 s');
}

// One plain closing line ("N passed, N failed, N skipped") that any CI can read.
function printPlainSummary(summaryFile) {
  if (!existsSync(summaryFile)) return;
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  process.stdout.write(`\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests + summary.numTodoTests} skipped\n`);
}

async function runInsideDbus() {
  const scratch = mkdtempSync(join(tmpdir(), 'mjsc-keyring-'));
  const runtimeDir = join(scratch, 'run');
  const dataDir = join(scratch, 'data');
  spawnSync('mkdir', ['-p', runtimeDir, dataDir]);
  chmodSync(runtimeDir, 0o700);
  const env = { ...process.env, XDG_RUNTIME_DIR: runtimeDir, XDG_DATA_HOME: dataDir, MJSC_TEST_KEYRING: '1' };
  // --foreground keeps the daemon our child so we can kill it by pid; --unlock reads the password on stdin.
  const daemon = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'inherit'] });
  daemon.stdin.end('mjsc-test-keyring');
  const stopDaemon = () => {
    if (daemon.exitCode === null) daemon.kill('SIGTERM');
    rmSync(scratch, { recursive: true, force: true });
  };
  let code = 1;
  try {
    await waitForSecretService(daemon);
    const summaryFile = join(scratch, 'summary.json');
    const reporters = ['--reporter=default', '--reporter=json', `--outputFile.json=${summaryFile}`];
    const vitest = spawn(process.execPath, [join(projectRoot, 'node_modules/vitest/vitest.mjs'), 'run', ...reporters, ...vitestArgs], { env, stdio: 'inherit', cwd: projectRoot });
    const forward = (sig) => vitest.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    code = await new Promise((resolve) => vitest.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
    printPlainSummary(summaryFile);
  } catch (err) {
    process.stderr.write(`test harness: ${err instanceof Error ? err.message : String(err)}\n`);
  } finally {
    stopDaemon();
  }
  process.exit(code);
}

if (process.argv.includes('--inside-dbus')) {
  await runInsideDbus();
} else {
  checkSystemPackages();
  const child = spawn('dbus-run-session', ['--', process.execPath, fileURLToPath(import.meta.url), '--inside-dbus', ...vitestArgs], { stdio: 'inherit' });
  child.on('exit', (c, sig) => process.exit(c ?? (sig ? 1 : 0)));
}
