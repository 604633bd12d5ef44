// Proves the Electron checklist guards of main/electron/security.ts against a fake electron module.
import { guardWebContents, openExternalSafely, secureSession } from '../../../main/electron/security';
import { FakeWebContents, resetFakeElectron, session, shell } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const APP_ENTRY = 'app://renderer/index.html';

beforeEach(() => resetFakeElectron());

describe('session security', () => {
  const ours = new FakeWebContents();
  const other = new FakeWebContents();
  beforeEach(() => secureSession(session.defaultSession as never, (contents) => contents === (ours as never)));
  type RequestHandler = (wc: unknown, p: string, cb: (granted: boolean) => void, details: { requestingUrl: string }) => void;
  type CheckHandler = (wc: unknown, p: string, origin: string, details: { requestingUrl?: string }) => boolean;
  const handlers = () => ({
    request: session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as RequestHandler,
    check: session.defaultSession.setPermissionCheckHandler.mock.calls[0]![0] as CheckHandler,
  });
  const ask = (wc: unknown, permission: string, url: string): [boolean, boolean] => {
    const granted = vi.fn();
    handlers().request(wc, permission, granted, { requestingUrl: url });
    return [granted.mock.calls[0]![0] as boolean, handlers().check(wc, permission, new URL(url).origin, { requestingUrl: url })];
  };

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])('denies the %s permission request and check, even to our window', (permission) => {
    expect(ask(ours, permission, APP_ENTRY)).toEqual([false, false]);
  });

  it('grants clipboard-sanitized-write (the Copy buttons) to our window on an app:// page only', () => {
    expect(ask(ours, 'clipboard-sanitized-write', APP_ENTRY)).toEqual([true, true]);
    expect(ask(other, 'clipboard-sanitized-write', APP_ENTRY)).toEqual([false, false]);
    expect(ask(ours, 'clipboard-sanitized-write', 'https://evil.example/')).toEqual([false, false]);
    expect(ask(null, 'clipboard-sanitized-write', APP_ENTRY)).toEqual([false, false]);
  });
});

describe('web contents guards', () => {
  let contents: FakeWebContents;
  beforeEach(() => {
    contents = new FakeWebContents();
    guardWebContents(contents as never);
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
    ['file:///opt/mjsc/resources/app.asar/dist/renderer/index.html', true],
    ['app://evil/index.html', true],
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
