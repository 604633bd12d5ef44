// The app:// scheme the window's page is served from (checklist item 18: no file://): registered as
// privileged before ready, served from dist/renderer only, every response carrying our CSP header.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

export const APP_SCHEME = 'app';
/** One fixed host, so the page has one origin: app://renderer. */
export const APP_ORIGIN = `${APP_SCHEME}://renderer`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Must run before app 'ready' (Electron refuses it later). standard + secure: a real origin, 'self' in the CSP works. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** True for any URL of the app's own origin (app://renderer/…), whatever its path, query or hash. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** The response for one app:// request: a file under rendererRoot, or 404 for anything else. */
export async function respondFromRenderer(requestUrl: string, rendererRoot: string): Promise<Response> {
  const root = resolve(rendererRoot);
  const notFound = (): Response => new Response('Not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') });
  if (!isAppUrl(requestUrl)) return notFound();
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return notFound();
  }
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  if (!file.startsWith(root + sep)) return notFound();
  try {
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: securityHeaders(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream') });
  } catch {
    return notFound();
  }
}

/** Serves app:// for the default session; call once, after ready. */
export function serveAppScheme(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => respondFromRenderer(request.url, rendererRoot));
}

function securityHeaders(contentType: string): Record<string, string> {
  return { 'Content-Type': contentType, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
}
