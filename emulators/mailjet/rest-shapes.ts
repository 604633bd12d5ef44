// Mailjet REST v3 envelopes: {Count, Data, Total} lists, {ErrorInfo, ErrorMessage, StatusCode} errors, paging.
// Route handlers throw RestError; they never write to the socket themselves.
import type { MailjetStore } from './store.js';

export type ErrorInfo = string | Record<string, string>;

export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly info: ErrorInfo = '',
  ) {
    super(message);
  }
}

export const notFound = (): RestError => new RestError(404, 'Object not found');

export function errorBody(status: number, message: string, info: ErrorInfo = ''): { ErrorInfo: ErrorInfo; ErrorMessage: string; StatusCode: number } {
  return { ErrorInfo: info, ErrorMessage: message, StatusCode: status };
}

export interface RestResult {
  status: number;
  body?: unknown;
  /** Plain text answers (the bulk job's CSV error file). */
  text?: string;
}

export interface RestRequest {
  method: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The parsed JSON body; undefined when the request had none. */
  body: unknown;
  store: MailjetStore;
}

export interface RestRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Which tree the route lives in; REST unless said otherwise. */
  api?: 'REST' | 'DATA';
  /** Segments after /v3/REST/ (or /v3/DATA/), `:name` captures one segment. */
  path: string;
  handle(request: RestRequest): RestResult;
}

export function listResult(rows: unknown[], total = rows.length, status = 200): RestResult {
  return { status, body: { Count: rows.length, Data: rows, Total: total } };
}

const defaultLimit = 10;
const maxLimit = 1000;

function readCount(query: Record<string, string>, name: string, fallback: number): number {
  const raw = query[name] ?? query[name.toLowerCase()];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new RestError(400, `Invalid ${name} value: "${raw}"`, { [name]: 'must be a non-negative integer' });
  return value;
}

/** Limit defaults to 10: rows past the first page are invisible to a client that does not page (n8n's bug). */
export function paginate<T>(rows: T[], query: Record<string, string>): { page: T[]; total: number } {
  const limit = Math.min(readCount(query, 'Limit', defaultLimit), maxLimit);
  const offset = readCount(query, 'Offset', 0);
  return { page: rows.slice(offset, offset + limit), total: rows.length };
}

export function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RestError(400, 'Invalid json input: expected an object');
  }
  return body as Record<string, unknown>;
}

export function readBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new RestError(400, `Invalid value for ${name}`, { [name]: 'must be a boolean' });
}

export function readId(raw: string | undefined): number {
  const id = Number(raw);
  if (raw === undefined || !Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}
