// The relay's HTTP error vocabulary: one stable code per failure, its status from the one code table
// (main/errors), a human message, and the mapping from library and storage errors to it. An error body
// never holds a secret or a stack.
import { ERROR_CODES, type ErrorCode } from '../../shared/error-codes';
import { CodedError } from '../errors/coded-error';
import { errorCodeOf } from '../errors/error-reply';

export interface ErrorReply {
  statusCode: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** Seconds a client should wait before retrying after the storage refused a commit. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/** How many per-item reasons a 400 for an all-bad array lists. */
const MAX_REASONS_SHOWN = 3;

const REALM = 'Basic realm="Mailjet Segment Connector relay", charset="UTF-8"';

export class RelayHttpError extends CodedError {
  readonly reply: ErrorReply;
  constructor(code: ErrorCode, message: string, headers?: Record<string, string>) {
    super(code, message);
    this.name = 'RelayHttpError';
    this.reply = { statusCode: ERROR_CODES[code].status, code, message, ...(headers ? { headers } : {}) };
  }
}

/** A reply for a code of the table, with its own message. */
function replyFor(code: ErrorCode, message: string = ERROR_CODES[code].message): ErrorReply {
  return { statusCode: ERROR_CODES[code].status, code, message };
}

export const relayErrors = {
  hostNotAllowed: (): RelayHttpError =>
    new RelayHttpError('host_not_allowed', 'This Host is not allowed. Use the relay URL shown in the app (localhost or 127.0.0.1 with the relay port), or set the public URL.'),
  /** `what` names the credentials expected and ends with the next step, so each route gives its own. */
  unauthorized: (what: string): RelayHttpError =>
    new RelayHttpError('unauthorized', `Missing or wrong credentials: ${what}.`, { 'www-authenticate': REALM }),
  notJson: (): RelayHttpError =>
    new RelayHttpError('unsupported_media_type', 'The body must be JSON: send it with Content-Type: application/json.'),
  tooLarge: (limit: number): RelayHttpError =>
    new RelayHttpError('body_too_large', `The body is larger than this endpoint's limit of ${limit} bytes. Send smaller batches.`),
  unsupportedEncoding: (encoding: string): RelayHttpError =>
    new RelayHttpError('unsupported_content_encoding', `The relay cannot read Content-Encoding "${encoding.slice(0, 40)}". Send the body uncompressed, or with gzip or deflate.`),
  badEncoding: (encoding: string): RelayHttpError =>
    new RelayHttpError('bad_content_encoding', `The body is not valid ${encoding} data. Compress the whole JSON body, or send it uncompressed.`),
  badShape: (message: string): RelayHttpError =>
    new RelayHttpError('bad_shape', message),
  /** Every item of an array or batch is bad: nothing to accept, so the sender learns why (first few reasons). */
  nothingUsable: (what: 'event' | 'message', rejected: ReadonlyArray<{ index: number; reason: string }>): RelayHttpError => {
    const shown = rejected.slice(0, MAX_REASONS_SHOWN).map((item) => `item ${item.index}: ${item.reason}`);
    const more = rejected.length > MAX_REASONS_SHOWN ? `; and ${rejected.length - MAX_REASONS_SHOWN} more` : '';
    return new RelayHttpError(
      'bad_shape',
      `No ${what} in the body is usable (${rejected.length} rejected: ${shown.join('; ')}${more}), so nothing was accepted. Fix them and send again.`,
    );
  },
  storageUnavailable: (): RelayHttpError =>
    new RelayHttpError(
      'storage_unavailable',
      'The relay could not save this request to disk, so it was not accepted. Retry later; the operator should check free disk space.',
      { 'retry-after': String(STORAGE_RETRY_AFTER_SECONDS) },
    ),
  stopping: (): RelayHttpError =>
    new RelayHttpError(
      'relay_stopping',
      'The relay is shutting down and did not accept this request. Retry in a moment.',
      { 'retry-after': String(STORAGE_RETRY_AFTER_SECONDS) },
    ),
};

/** Maps anything thrown while serving a request to the reply a client sees. */
export function toErrorReply(error: unknown, bodyLimit: number): ErrorReply {
  if (error instanceof RelayHttpError) return error.reply;
  // Fastify's own FST_ERR_CTP_* codes are renamed to ours; every other code is read from the table.
  const code = errorCodeOf(error) ?? (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'bad_json':
    case 'bad_shape':
      return replyFor(code, String((error as { message?: unknown }).message));
    case 'storage_unavailable':
      return relayErrors.storageUnavailable().reply;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return relayErrors.tooLarge(bodyLimit).reply;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return relayErrors.notJson().reply;
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return replyFor('bad_content_length');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return replyFor('bad_json', 'The body is empty. Send one JSON object or array.');
  }
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  const status = typeof statusCode === 'number' ? statusCode : 500;
  if (status >= 400 && status < 500) return { ...replyFor('bad_request'), statusCode: status };
  return replyFor('internal_error', 'The relay failed unexpectedly and did not accept this request. Retry later.');
}
