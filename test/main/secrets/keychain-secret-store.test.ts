// The keychain SecretStore against a real gnome-keyring (scripts/run-tests.js starts a private one),
// plus the failure paths a user meets: no Secret Service, a locked keyring, a broken keytar.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKeychainSecretStore, type KeytarLike } from '../../../main/secrets/keychain-secret-store';
import { probeKeychain } from '../../../main/secrets/keychain-probe';
import { SECRET_NAMES, SecretStoreUnavailableError } from '../../../main/secrets/secret-store';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const storeModule = join(projectRoot, 'main/secrets/keychain-secret-store.ts');
const insidePrivateKeyring = process.env.MJSC_TEST_KEYRING === '1';
const SECRET = 'sk-never-shown-3f9a';

/** Every file under dir, relative; empty means nothing was written. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => join(e.parentPath, e.name).slice(dir.length));
}

function countKeyringDaemons(): number {
  const out = spawnSync('pgrep', ['-f', 'gnome-keyring-daemon'], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter((l) => l.trim() !== '').length;
}

interface ChildOutcome {
  code: string;
  message: string;
}

/** Runs a tiny tsx script that tries to save a secret, in an environment chosen by the caller. */
async function trySaveInChild(wrapper: string[], env: NodeJS.ProcessEnv, scratch: string): Promise<ChildOutcome> {
  const script = join(scratch, 'try-save.mts');
  writeFileSync(
    script,
    `import { createKeychainSecretStore } from ${JSON.stringify(storeModule)};
const store = createKeychainSecretStore({ service: 'mjsc-test-unavailable' });
try { await store.set('segmentWriteKey', ${JSON.stringify(SECRET)}); console.log(JSON.stringify({ code: 'saved', message: '' })); }
catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }\n`,
  );
  const child = spawn(wrapper[0]!, [...wrapper.slice(1), process.execPath, '--import', 'tsx', script], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.resume();
  await new Promise((resolve) => child.on('exit', resolve));
  const line = stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`the child printed no result: ${stdout}`);
  return JSON.parse(line) as ChildOutcome;
}

describe.skipIf(!insidePrivateKeyring)('keychain store on a real Secret Service (needs scripts/run-tests.js, which starts a private gnome-keyring)', () => {
  const store = createKeychainSecretStore({ service: 'mjsc-test-roundtrip' });

  it('says its secrets come from the keychain and the probe finds it usable', async () => {
    expect(store.source).toBe('keychain');
    expect(await probeKeychain({ service: 'mjsc-test-roundtrip' })).toEqual({ usable: true });
  });

  it.each(SECRET_NAMES)('saves, reads back and deletes %s', async (name) => {
    await store.set(name, `${name}-value-1234`);
    expect(await store.get(name)).toBe(`${name}-value-1234`);
    await store.delete(name);
    expect(await store.get(name)).toBeUndefined();
  });

  it('keeps only the newest value when a secret is saved twice', async () => {
    await store.set('mailjetApiKey', 'first');
    await store.set('mailjetApiKey', 'second');
    expect(await store.get('mailjetApiKey')).toBe('second');
    await store.delete('mailjetApiKey');
  });

  it.each(['clé-ünïcødé', '密钥🔑', `x${'ø'.repeat(500)}`, ' spaces and\ttabs '])('round-trips the unicode value %#', async (value) => {
    await store.set('eventsSecret', value);
    expect(await store.get('eventsSecret')).toBe(value);
    await store.delete('eventsSecret');
  });

  it('deleting a secret that was never saved is not an error', async () => {
    await expect(store.delete('relayKey')).resolves.toBeUndefined();
  });

  it('refuses to save on a locked keyring, says to unlock it, and leaves no keyring daemon behind', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'mjsc-locked-'));
    const daemonsBefore = countKeyringDaemons();
    try {
      // A nested private session whose login keyring we lock, so the shared one of the run stays open.
      const lockThenRun = join(scratch, 'lock-then-run.sh');
      writeFileSync(
        lockThenRun,
        `set -e
export XDG_RUNTIME_DIR="${scratch}/run" XDG_DATA_HOME="${scratch}/data"; mkdir -p -m 700 "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME"
printf pw | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 & daemon=$!
trap 'kill $daemon 2>/dev/null; wait $daemon 2>/dev/null' EXIT
for i in $(seq 100); do dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break; sleep 0.1; done
dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null
"$@"\n`,
      );
      const outcome = await trySaveInChild(['dbus-run-session', '--', 'sh', lockThenRun], { ...process.env, DISPLAY: '' }, scratch);
      expect(outcome.code).toBe('keychain_unavailable');
      expect(outcome.message).toMatch(/keyring is locked: unlock it/);
      expect(outcome.message).not.toContain(SECRET);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    expect(countKeyringDaemons()).toBe(daemonsBefore);
  });
});

describe('keychain store without a usable Secret Service', () => {
  it('stops with a message naming what to install, and writes no file in the data dir or HOME', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'mjsc-nokeyring-'));
    const home = join(scratch, 'home');
    const dataDir = join(scratch, 'data');
    spawnSync('mkdir', ['-p', home, dataDir]);
    try {
      const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', HOME: home, MJSC_DATA_DIR: dataDir, XDG_DATA_HOME: join(home, '.local/share'), XDG_CONFIG_HOME: join(home, '.config') };
      const outcome = await trySaveInChild(['env'], env, scratch);
      expect(outcome).toEqual({
        code: 'keychain_unavailable',
        message: 'No Secret Service found: install and start gnome-keyring (apt install gnome-keyring) or KeePassXC with Secret Service enabled, then try again.',
      });
      expect(filesUnder(home)).toEqual([]);
      expect(filesUnder(dataDir)).toEqual([]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('keychain failures reported by keytar', () => {
  const failingKeytar = (message: string): KeytarLike => ({
    getPassword: () => Promise.reject(new Error(message)),
    setPassword: () => Promise.reject(new Error(message)),
    deletePassword: () => Promise.reject(new Error(message)),
  });

  it.each([
    ['Could not connect: No such file or directory', 'linux', /No Secret Service found: install and start gnome-keyring/],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'linux', /No Secret Service found/],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'linux', /apt install gnome-keyring/],
    ['Cannot create an item in a locked collection', 'linux', /Your login keyring is locked: unlock it \(e\.g\. in Seahorse\)/],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'linux', /keyring is locked/],
    ['User interaction is not allowed.', 'darwin', /login keychain is locked: unlock it in Keychain Access/],
    ['Something odd happened', 'linux', /OS keychain refused the request \(Something odd happened\)/],
  ] as const)('"%s" on %s becomes a clear message', async (keytarMessage, platform, expected) => {
    const store = createKeychainSecretStore({ keytar: failingKeytar(keytarMessage), platform });
    const error = await store.get('mailjetApiKey').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreUnavailableError);
    expect((error as SecretStoreUnavailableError).code).toBe('keychain_unavailable');
    expect((error as Error).message).toMatch(expected);
  });

  it('never echoes the secret even when the keychain error quotes it', async () => {
    const saved = new Map<string, string>();
    const keytar: KeytarLike = {
      getPassword: async (_s, a) => saved.get(a) ?? null,
      setPassword: async (_s, a, p) => {
        if (a !== 'mjsc-keychain-probe') throw new Error(`could not store "${p}"`);
        saved.set(a, p);
      },
      deletePassword: async (_s, a) => saved.delete(a),
    };
    const error = (await createKeychainSecretStore({ keytar }).set('mailjetSecretKey', SECRET).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain(SECRET);
  });

  it('treats a keyring that reads back nothing after a write as locked', async () => {
    const keytar: KeytarLike = { getPassword: async () => null, setPassword: async () => undefined, deletePassword: async () => false };
    expect(await probeKeychain({ keytar, platform: 'linux' })).toMatchObject({ usable: false, problem: 'keychain_locked' });
  });

  it('tries again after the user fixes the keychain instead of remembering the failure', async () => {
    let locked = true;
    const values = new Map<string, string>();
    const keytar: KeytarLike = {
      getPassword: async (_s, a) => (locked ? null : values.get(a) ?? null),
      setPassword: async (_s, a, p) => {
        if (locked) throw new Error('Cannot create an item in a locked collection');
        values.set(a, p);
      },
      deletePassword: async (_s, a) => values.delete(a),
    };
    const store = createKeychainSecretStore({ keytar, platform: 'linux' });
    await expect(store.set('relayKey', 'r1')).rejects.toThrow(/locked/);
    locked = false;
    await store.set('relayKey', 'r1');
    expect(await store.get('relayKey')).toBe('r1');
  });
});
