#!/usr/bin/env node
// `npm run package:check`: packages the app `--dir` against a stub Electron (nothing is downloaded),
// checks what ships (the exact asar file list, native modules unpacked, `main` present, fuses set,
// size within budget, deb dependencies), then runs the packaged app under test/shell's Electron stand-in.
// `--update` rewrites scripts/packaging/asar-files.txt after a deliberate change of what ships.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, WANTED_FUSES } from './fuse-settings.mjs';
import { writeStubElectronDist } from './stub-electron-dist.mjs';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const { getCurrentFuseWire } = require('@electron/fuses');
const { build, Platform } = require('electron-builder');

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const fileListPath = fileURLToPath(new URL('./asar-files.txt', import.meta.url));
/** resources/ (app.asar + app.asar.unpacked); measured 15.2 MiB on linux-x64 when this was set. */
const SIZE_BUDGET_BYTES = 20 * 1024 * 1024;
const update = process.argv.includes('--update');
const failures = [];
const check = (ok, message) => {
  process.stdout.write(`package:check: ${ok ? 'ok  ' : 'FAIL'} ${message}\n`);
  if (!ok) failures.push(message);
};

const scratch = mkdtempSync(join(tmpdir(), 'mjsc-package-'));
try {
  const output = join(scratch, 'release');
  await build({
    projectDir: projectRoot,
    targets: Platform.current().createTarget('dir'),
    config: { electronDist: writeStubElectronDist(join(scratch, 'electron-dist')), directories: { output } },
    publish: 'never',
  });
  const appOutDir = join(output, readdirSync(output).find((name) => name.endsWith('-unpacked') || name === 'mac' || name === 'mac-arm64'));
  const resources = process.platform === 'darwin' ? join(appOutDir, readdirSync(appOutDir).find((n) => n.endsWith('.app')), 'Contents', 'Resources') : join(appOutDir, 'resources');
  const archive = join(resources, 'app.asar');

  // The renderer's content hashes change with every UI edit; the list records them as [hash].
  const files = asar
    .listPackage(archive, { isPack: false })
    .filter((path) => !asar.statFile(archive, path.slice(1)).files)
    .map((path) => path.replace(/^(\/dist\/renderer\/assets\/.+)-[A-Za-z0-9_-]{8}\.(js|css)$/, '$1-[hash].$2'));
  const listed = [...files].sort().join('\n') + '\n';
  if (update) writeFileSync(fileListPath, listed);
  const expected = existsSync(fileListPath) ? readFileSync(fileListPath, 'utf8') : '';
  const missing = expected.split('\n').filter((f) => f && !files.includes(f));
  const extra = files.filter((f) => !expected.split('\n').includes(f));
  check(missing.length === 0 && extra.length === 0, `asar holds exactly the ${files.length} files of asar-files.txt${missing.length + extra.length > 0 ? ` (missing: ${missing.slice(0, 10).join(', ')}; unexpected: ${extra.slice(0, 10).join(', ')}; run with --update if intended)` : ''}`);
  check(!files.some((f) => /\.(map|md|ts)$|\/(docs?|tests?|examples?)\//.test(f)), 'no maps, docs, sources, type declarations or tests in the asar');

  const natives = files.filter((f) => f.endsWith('.node') && f.includes('/node_modules/'));
  check(natives.length >= 2 && natives.every((f) => asar.statFile(archive, f.slice(1)).unpacked === true && existsSync(join(`${archive}.unpacked`, f))), `native modules unpacked: ${natives.join(', ')}`);
  check(!natives.some((f) => /musl/.test(f)) || process.platform !== 'linux', 'only the glibc libsql binary on Linux');

  const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
  check(files.includes(`/${manifest.main}`), `"main" (${manifest.main}) is in the asar`);

  const executable = process.platform === 'linux' ? join(appOutDir, 'mailjet-segment-connector') : appOutDir;
  const wire = await getCurrentFuseWire(executable);
  for (const [index, wanted] of Object.entries(WANTED_FUSES)) {
    check(wire[index] === (wanted ? 49 : 48), `fuse ${FuseV1Options[index]} reads back ${wanted ? 'on' : 'off'}`);
  }

  const size = directorySize(resources);
  check(size <= SIZE_BUDGET_BYTES, `resources are ${(size / 1024 / 1024).toFixed(1)} MiB (budget ${SIZE_BUDGET_BYTES / 1024 / 1024} MiB)`);

  const FpmTarget = require('app-builder-lib/out/targets/FpmTarget.js').default;
  const defaults = FpmTarget.prototype.getDefaultDepends.call(null, 'deb');
  const depends = /^\s+depends: \[(.*)\]$/m.exec(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8'))?.[1].split(',').map((d) => d.trim()) ?? [];
  check([...defaults, 'libsecret-1-0'].every((d) => depends.includes(d)), `deb depends on electron-builder's defaults plus libsecret-1-0 (${depends.join(', ')})`);

  const extracted = join(scratch, 'app');
  asar.extractAll(archive, extracted);
  const run = spawnSync(process.execPath, [join(projectRoot, 'scripts/run-tests.js'), 'test/shell/packaged-app.test.ts'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, MJSC_PACKAGED_APP_DIR: extracted },
  });
  check(run.status === 0, 'the packaged app runs under the Electron stand-in (test/shell/packaged-app.test.ts)');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  process.stderr.write(`package:check: ${failures.length} check(s) failed\n`);
  process.exit(1);
}
process.stdout.write('package:check: all checks passed\n');

function directorySize(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    return sum + (entry.isDirectory() ? directorySize(path) : statSync(path).size);
  }, 0);
}
