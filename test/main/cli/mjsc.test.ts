// Runs the built CLI the way a user does (`node bin/mjsc.js`), building it first when it is stale.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SegmentTrack } from '../../../shared/event-to-track';
import { fixturePath, readFixtureText } from '../../fixtures/fixture-text';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bundle = join(root, 'dist-electron/mjsc.js');

function newestSourceTime(dir: string): number {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

function bundleIsStale(): boolean {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  return newestSourceTime('main/cli') > built || newestSourceTime('shared') > built;
}

function runMjsc(args: string[], input = '') {
  const result = spawnSync(process.execPath, [join(root, 'bin/mjsc.js'), ...args], { cwd: root, input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!bundleIsStale()) return;
  // vite.config.ts leaves out the Electron/CLI bundles under vitest; build as `npm run build` does.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV'));
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, env, stdio: 'pipe' });
}, 240_000);

describe('node bin/mjsc.js', () => {
  it('maps the Sherlock Holmes payload: location split, address dropped whole', () => {
    const { code, stdout } = runMjsc(['map', 'identify', fixturePath('identify/sherlock-holmes.json')]);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { properties: Record<string, unknown>; dropped: Array<{ path: string }> };
    expect(printed.properties).toMatchObject({ location_latitude: 51.52376, location_longitude: -0.158459 });
    expect(Object.keys(printed.properties).some((key) => key.startsWith('address_'))).toBe(false);
    expect(printed.dropped.map((d) => d.path)).toContain('address');
  });

  it('maps the click sample from stdin to one "Email Link Clicked" track with the exact email_id', () => {
    const { code, stdout } = runMjsc(['map', 'event', '-'], readFixtureText('mailjet/click.json'));
    expect(code).toBe(0);
    const calls = JSON.parse(stdout) as SegmentTrack[];
    expect(calls).toHaveLength(1);
    expect(calls[0]?.event).toBe('Email Link Clicked');
    expect(calls[0]?.properties.email_id).toBe('19421777836302490');
    expect(calls[0]?.properties.link_url).toBe('https://mailjet.com');
  });

  it('answers bad JSON with one stderr line and exit 2', () => {
    const { code, stdout, stderr } = runMjsc(['map', 'event'], '{"event":"click",');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^mjsc: .*not valid JSON/);
  });

  it('prints --help', () => {
    const { code, stdout } = runMjsc(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('mjsc map identify [FILE|-]');
    expect(stdout).toContain('mjsc map event [FILE|-]');
  });

  it('prints the package version for --version', async () => {
    const { version } = (await import('../../../package.json')).default as { version: string };
    const { code, stdout } = runMjsc(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });
});
