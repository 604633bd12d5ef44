// Proves the Electron checklist guards of main/electron/security.ts against a fake electron module.
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/content-security-policy';
import { guardWebContents, openExternalSafely, secureSession } from '../../../main/electron/security';
import { FakeWebContents, resetFakeElectron, respondWith, session, shell } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const APP_ENTRY = 'file:///opt/mjsc/resources/app.asar/dist/renderer/index.html';

beforeEach(() => resetFakeElectron());

describe('session security', () => {
  beforeEach(() => secureSession(session.defaultSession as never));

  it('puts the strict CSP on every response, replacing one the response brought', () => {
    const headers = respondWith({ 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'content-type': ['text/html'] });
    expect(headers).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])('denies the %s permission request and check', (permission) => {
    const requestHandler = session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (granted: boolean) => void) => void;
    const checkHandler = session.defaultSession.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, p: string) => boolean;
    const granted = vi.fn();
    requestHandler({}, permission, granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(checkHandler({}, permission)).toBe(false);
  });
});

describe('web contents guards', () => {
  let contents: FakeWebContents;
  beforeEach(() => {
    contents = new FakeWebContents();
    guardWebContents(contents as never, APP_ENTRY);
  });

  it.each([
    ['https://app.mailjet.com/account/apikeys', true],
    ['http://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['mailto:someone@example.com', false],
    ['not a url', false],
  ])('window.open(%s) is denied; opened in the browser: %s', (url, external) => {
    expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(external ? 1 : 0);
    if (external) expect(shell.openExternal).toHaveBeenCalledWith(url);
  });

  it.each([
    ['https://evil.example/phish', true],
    ['http://127.0.0.1:8788/', true],
    ['file:///etc/passwd', true],
    ['file:///opt/mjsc/resources/app.asar/dist/renderer/other.html', true],
    [`${APP_ENTRY}#/activity`, false],
    [APP_ENTRY, false],
  ])('navigating to %s is blocked: %s', (url, blocked) => {
    expect(contents.navigate(url)).toBe(blocked);
    expect(contents.navigate(url, 'will-redirect')).toBe(blocked);
  });

  it('prevents attaching a webview', () => {
    expect(contents.attachWebview()).toBe(true);
  });
});

describe('openExternalSafely', () => {
  it.each([
    ['https://documentation.mailjet.com/', true],
    ['HTTPS://segment.com/docs', true],
    ['http://segment.com/', false],
    ['file:///tmp/x', false],
    ['javascript:void(0)', false],
    ['smb://share/x', false],
  ])('%s opens: %s', (url, opens) => {
    expect(openExternalSafely(url)).toBe(opens);
    expect(shell.openExternal).toHaveBeenCalledTimes(opens ? 1 : 0);
  });
});
