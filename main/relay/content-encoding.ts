// Compressed request bodies (Content-Encoding gzip or deflate), as Segment's own API accepts them from
// analytics-python (gzip=True) and analytics-java. The body limit applies to the inflated bytes, counted
// while inflating: a gzip bomb gets 413 long before it could fill memory. Never logs a body.
import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';
import { relayErrors } from './relay-errors';

export const SUPPORTED_ENCODINGS = ['gzip', 'deflate'] as const;

/** The body's coding, `identity` when none; throws 415 for one the relay cannot read. */
export function contentEncodingOf(headers: IncomingHttpHeaders): 'identity' | (typeof SUPPORTED_ENCODINGS)[number] {
  const header = headers['content-encoding'];
  const value = (typeof header === 'string' ? header : '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'deflate') return 'deflate';
  throw relayErrors.unsupportedEncoding(value);
}

/** Errors once more than `limit` bytes came through, so nothing past the limit is ever buffered. */
class ByteLimit extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) return callback(relayErrors.tooLarge(this.limit));
    callback(null, chunk);
  }
}

export interface InflatedBody extends Transform {
  /** Compressed bytes read, which fastify compares with Content-Length. */
  receivedEncodedLength: number;
}

/** The inflated body stream for fastify's preParsing hook; errors surface as 400 (corrupt data) or 413. */
export function inflateBody(raw: NodeJS.ReadableStream, encoding: 'gzip' | 'deflate', limit: number): InflatedBody {
  const inflater: Gunzip | Inflate = encoding === 'gzip' ? createGunzip() : createInflate();
  const limited = new ByteLimit(limit) as unknown as InflatedBody;
  limited.receivedEncodedLength = 0;
  raw.on('data', (chunk: Buffer) => {
    limited.receivedEncodedLength += chunk.length;
  });
  const fail = (error: unknown): void => {
    raw.unpipe(inflater);
    inflater.destroy();
    limited.destroy(isZlibError(error) ? relayErrors.badEncoding(encoding) : (error as Error));
  };
  inflater.on('error', fail);
  limited.on('error', () => {
    raw.unpipe(inflater);
    inflater.destroy();
  });
  raw.pipe(inflater).pipe(limited);
  return limited;
}

function isZlibError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return code.startsWith('Z_') || code === 'ERR_ZLIB_INITIALIZATION_FAILED';
}
