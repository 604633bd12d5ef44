// Serves the built renderer (dist/renderer) to the console's browser, or a placeholder page when it
// has not been built. Never serves a file outside rendererDir, and never lists a directory.
import { readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';

export interface StaticFile {
  status: 200 | 404;
  contentType: string;
  body: Buffer | string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// No inline script or style: the page must pass the console's strict CSP.
const PLACEHOLDER = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Mailjet Segment Connector</title></head>
<body>
<h1>Mailjet Segment Connector</h1>
<p>The relay is running, but the console's user interface has not been built yet.</p>
<p>Run <code>npm run build</code> and reload this page. The control API at <code>POST /api/&lt;method&gt;</code> works meanwhile.</p>
</body>
</html>
`;

const NOT_FOUND: StaticFile = { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not found\n' };

/** The file for a URL path ("/" is index.html); the placeholder when the renderer is not built. */
export async function readRendererFile(rendererDir: string, urlPath: string): Promise<StaticFile> {
  const root = resolve(rendererDir);
  const wanted = decodePath(urlPath === '/' || urlPath === '' ? '/index.html' : urlPath);
  if (wanted === undefined) return NOT_FOUND;
  const file = resolve(join(root, wanted));
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || inside.split(sep).some((part) => part.startsWith('.'))) return NOT_FOUND;

  if (!(await isFile(file))) {
    if (wanted === '/index.html' && !(await isFile(join(root, 'index.html')))) {
      return { status: 200, contentType: CONTENT_TYPES['.html'] ?? 'text/html', body: PLACEHOLDER };
    }
    return NOT_FOUND;
  }
  return { status: 200, contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', body: await readFile(file) };
}

function decodePath(urlPath: string): string | undefined {
  try {
    const decoded = decodeURIComponent(urlPath.split('?')[0] ?? '');
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
