// Turns a recorded request into a Mailjet REST answer: Basic auth, route lookup, JSON parsing, error shape.
// It never answers 2xx for a request it could not authenticate.
import type { RecordedRequest } from '../emulator-http.js';
import { stringifyWithBigInts } from './raw-json.js';
import { RestError, errorBody, type RestRoute } from './rest-shapes.js';
import type { MailjetStore } from './store.js';

export interface RestAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const authFailure =
  'API key authentication/authorization failure. You may be unauthorized to access the API or your API key may be expired. Visit API keys management section to check your keys.';

function answerError(error: RestError): RestAnswer {
  return { status: error.status, body: JSON.stringify(errorBody(error.status, error.message, error.info)), headers: {} };
}

export function isAuthorized(request: RecordedRequest, apiKey: string, secretKey: string): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (match === null) return false;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && decoded.slice(0, colon) === apiKey && decoded.slice(colon + 1) === secretKey;
}

function matchRoute(route: RestRoute, segments: string[]): Record<string, string> | undefined {
  const parts = route.path.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return params;
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RestError(400, 'Invalid json input: the request body is not valid JSON');
  }
}

export function answerRest(
  request: RecordedRequest,
  routes: RestRoute[],
  store: MailjetStore,
  credentials: { apiKey: string; secretKey: string },
): RestAnswer {
  try {
    const tree = /^\/v3\/(REST|DATA)\/(.+)$/i.exec(request.path);
    if (tree === null) throw new RestError(404, 'Object not found');
    if (!isAuthorized(request, credentials.apiKey, credentials.secretKey)) throw new RestError(401, authFailure);
    const api = (tree[1] ?? '').toUpperCase();
    const segments = (tree[2] ?? '').replace(/\/$/, '').split('/').map((segment) => decodeURIComponent(segment));
    const candidates = routes
      .filter((route) => (route.api ?? 'REST') === api)
      .map((route) => ({ route, params: matchRoute(route, segments) }))
      .filter((candidate) => candidate.params !== undefined);
    if (candidates.length === 0) throw new RestError(404, 'Object not found');
    const chosen = candidates.find((candidate) => candidate.route.method === request.method);
    if (chosen === undefined) throw new RestError(405, `Method ${request.method} not allowed on this resource`);
    const body = request.method === 'POST' || request.method === 'PUT' ? parseBody(request.body) : undefined;
    const result = chosen.route.handle({ method: request.method, params: chosen.params ?? {}, query: request.query, body, store });
    if (result.text !== undefined) return { status: result.status, body: result.text, headers: { 'Content-Type': 'text/csv; charset=utf-8' } };
    return { status: result.status, body: result.body === undefined ? '' : stringifyWithBigInts(result.body), headers: {} };
  } catch (error) {
    if (error instanceof RestError) return answerError(error);
    throw error;
  }
}
