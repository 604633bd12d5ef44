// Content-type, size and JSON checks for inbound bodies. Sizes are judged from Content-Length before a
// byte is read (fastify also aborts a streamed body past the limit); JSON is parsed without losing
// big integers. Never logs a body.
import type { IncomingHttpHeaders } from 'node:http';
import { parseJsonLossless, type LosslessParseOptions } from '../../shared/json-lossless';
import { relayErrors } from './relay-errors';

/** `application/json` or a `+json` type, with any parameters (charset) after it. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const mediaType = header.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(mediaType);
}

/** Throws 415 / 413 from the headers alone, so an unwanted body is never read. */
export function checkDeclaredBody(headers: IncomingHttpHeaders, limit: number): void {
  if (!isJsonContentType(headers['content-type'])) throw relayErrors.notJson();
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw relayErrors.tooLarge(limit);
}

/** The request body as fastify's buffer parser left it; anything else means a route was misconfigured. */
export function rawBodyOf(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw new Error('relay route expected a raw JSON body buffer');
  return body;
}

/** Decodes UTF-8 and parses losslessly (a BOM is ignored); throws JsonSyntaxError (code bad_json). */
export function parseJsonBody(raw: Buffer, options: LosslessParseOptions = {}): unknown {
  return parseJsonLossless(raw.toString('utf8'), options);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
