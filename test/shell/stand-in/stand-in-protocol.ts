// The stand-in's `protocol`: privileged schemes only before ready, handlers only after, and the
// handler's own Response (CSP header included) given to real Chromium. Chromium cannot register a
// custom scheme, so each handled scheme is carried over a loopback origin and URLs are translated back.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertNotReady, assertReady, ElectronRuleError } from './stand-in-app';

interface CustomScheme {
  scheme: string;
  privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; codeCache?: boolean };
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

const privileged = new Map<string, CustomScheme>();
const carriers = new Map<string, { server: Server; origin: string }>();

async function startCarrier(scheme: string, handler: ProtocolHandler): Promise<string> {
  const server = createServer((req, res) => {
    // /<host>/<path> on the carrier is <scheme>://<host>/<path> in the app.
    const [, host = '', ...rest] = (req.url ?? '/').split('/');
    const appUrl = `${scheme}://${host}/${rest.join('/')}`;
    Promise.resolve(handler(new Request(appUrl, { method: req.method })))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  carriers.set(scheme, { server, origin });
  return origin;
}

let pending: Promise<unknown> = Promise.resolve();

export const protocol = {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    assertNotReady('protocol.registerSchemesAsPrivileged');
    for (const scheme of schemes) privileged.set(scheme.scheme, scheme);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    assertReady('protocol.handle');
    if (carriers.has(scheme)) throw new ElectronRuleError(`protocol.handle('${scheme}') was already called; unhandle it first`);
    pending = startCarrier(scheme, handler);
  },
  isProtocolHandled(scheme: string): boolean {
    return carriers.has(scheme);
  },
};

/** The URL Chromium really loads for an app URL; refuses what Electron could not show. */
export async function toChromiumUrl(url: string): Promise<string> {
  await pending;
  const parsed = new URL(url);
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme === 'http' || scheme === 'https' || scheme === 'file' || scheme === 'data') return url;
  const carrier = carriers.get(scheme);
  if (!carrier) throw Object.assign(new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`), { code: 'ERR_UNKNOWN_URL_SCHEME', errno: -302, url });
  // Without `standard`, Chromium treats the URL as opaque: no origin, relative assets do not resolve.
  if (!privileged.get(scheme)?.privileges?.standard) throw new ElectronRuleError(`${scheme}:// is not registered as a standard scheme, so its pages have no origin`);
  return `${carrier.origin}/${parsed.host}${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** The URL Electron reports (frame URL, getURL, will-navigate) for what Chromium shows. */
export function toElectronUrl(chromiumUrl: string): string {
  for (const [scheme, carrier] of carriers) {
    if (chromiumUrl === carrier.origin || chromiumUrl.startsWith(`${carrier.origin}/`)) {
      const [, host = '', ...rest] = chromiumUrl.slice(carrier.origin.length).split('/');
      return `${scheme}://${host}/${rest.join('/')}`;
    }
  }
  return chromiumUrl;
}

/** A secure loopback origin of the carrier, for the test's clipboard reader page. */
export function anyCarrierOrigin(): string | null {
  return [...carriers.values()][0]?.origin ?? null;
}
