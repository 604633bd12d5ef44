// Proves app:// serves only dist/renderer, with the CSP header on every answer, and that only the
// app's own origin counts as the app (checklist items 7 and 18).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppUrl, respondFromRenderer } from '../../../main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/content-security-policy';

vi.mock('electron', () => import('./fake-electron'));

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mjsc-renderer-'));
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'renderer', 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

it.each([
  ['app://renderer/index.html', 200, 'text/html; charset=utf-8'],
  ['app://renderer/', 200, 'text/html; charset=utf-8'],
  ['app://renderer/assets/index-abc.js', 200, 'text/javascript; charset=utf-8'],
  ['app://renderer/assets/missing.js', 404, 'text/plain; charset=utf-8'],
  ['app://renderer/../secret.txt', 404, 'text/plain; charset=utf-8'],
  ['app://renderer/%2e%2e/secret.txt', 404, 'text/plain; charset=utf-8'],
  ['app://renderer/..%2fsecret.txt', 404, 'text/plain; charset=utf-8'],
  ['app://other/index.html', 404, 'text/plain; charset=utf-8'],
])('%s answers %i with the CSP header', async (url, status, type) => {
  const response = await respondFromRenderer(url, join(root, 'renderer'));
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe(type);
  expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  if (status === 404) expect(await response.text()).not.toContain('outside the renderer');
});

it.each([
  ['app://renderer/index.html#/activity', true],
  ['app://renderer/', true],
  ['app://renderer.evil/index.html', false],
  ['app://evil/index.html', false],
  ['file:///opt/app/resources/app.asar/dist/renderer/index.html', false],
  ['http://127.0.0.1:8788/', false],
  ['not a url', false],
])('isAppUrl(%s) is %s', (url, expected) => {
  expect(isAppUrl(url)).toBe(expected);
});
