// The relay's HTTP error vocabulary: one stable code, status and human message per failure, and the
// mapping from library and storage errors to it. An error body never holds a secret or a stack.

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

export class RelayHttpError extends Error {
  constructor(readonly reply: ErrorReply) {
    super(reply.message);
    this.name = 'RelayHttpError';
  }
}

export const relayErrors = {
  hostNotAllowed: (): RelayHttpError =>
    new RelayHttpError({ statusCode: 403, code: 'host_not_allowed', message: 'This Host is not allowed. Use the relay URL shown in the app (localhost or 127.0.0.1 with the relay port), or set the public URL.' }),
  /** `what` names the credentials expected and ends with the next step, so each route gives its own. */
  unauthorized: (what: string): RelayHttpError =>
    new RelayHttpError({ statusCode: 401, code: 'unauthorized', message: `Missing or wrong credentials: ${what}.`, headers: { 'www-authenticate': REALM } }),
  notJson: (): RelayHttpError =>
    new RelayHttpError({ statusCode: 415, code: 'unsupported_media_type', message: 'The body must be JSON: send it with Content-Type: application/json.' }),
  tooLarge: (limit: number): RelayHttpError =>
    new RelayHttpError({ statusCode: 413, code: 'body_too_large', message: `The body is larger than this endpoint's limit of ${limit} bytes. Send smaller batches.` }),
  unsupportedEncoding: (encoding: string): RelayHttpError =>
    new RelayHttpError({
      statusCode: 415,
      code: 'unsupported_content_encoding',
      message: `The relay cannot read Content-Encoding "${encoding.slice(0, 40)}". Send the body uncompressed, or with gzip or deflate.`,
    }),
  badEncoding: (encoding: string): RelayHttpError =>
    new RelayHttpError({ statusCode: 400, code: 'bad_content_encoding', message: `The body is not valid ${encoding} data. Compress the whole JSON body, or send it uncompressed.` }),
  badShape: (message: string): RelayHttpError =>
    new RelayHttpError({ statusCode: 400, code: 'bad_shape', message }),
  /** Every item of an array or batch is bad: nothing to accept, so the sender learns why (first few reasons). */
  nothingUsable: (what: 'event' | 'message', rejected: ReadonlyArray<{ index: number; reason: string }>): RelayHttpError => {
    const shown = rejected.slice(0, MAX_REASONS_SHOWN).map((item) => `item ${item.index}: ${item.reason}`);
    const more = rejected.length > MAX_REASONS_SHOWN ? `; and ${rejected.length - MAX_REASONS_SHOWN} more` : '';
    return new RelayHttpError({
      statusCode: 400,
      code: 'bad_shape',
      message: `No ${what} in the body is usable (${rejected.length} rejected: ${shown.join('; ')}${more}), so nothing was accepted. Fix them and send again.`,
    });
  },
  storageUnavailable: (): RelayHttpError =>
    new RelayHttpError({
      statusCode: 503,
      code: 'storage_unavailable',
      message: 'The relay could not save this request to disk, so it was not accepted. Retry later; the operator should check free disk space.',
      headers: { 'retry-after': String(STORAGE_RETRY_AFTER_SECONDS) },
    }),
  stopping: (): RelayHttpError =>
    new RelayHttpError({
      statusCode: 503,
      code: 'relay_stopping',
      message: 'The relay is shutting down and did not accept this request. Retry in a moment.',
      headers: { 'retry-after': String(STORAGE_RETRY_AFTER_SECONDS) },
    }),
};

interface CodedError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

/** Maps anything thrown while serving a request to the reply a client sees. */
export function toErrorReply(error: unknown, bodyLimit: number): ErrorReply {
  if (error instanceof RelayHttpError) return error.reply;
  const coded = (typeof error === 'object' && error !== null ? error : {}) as CodedError;
  switch (coded.code) {
    case 'bad_json':
    case 'bad_shape':
      return { statusCode: 400, code: coded.code, message: String(coded.message) };
    case 'storage_unavailable':
      return relayErrors.storageUnavailable().reply;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return relayErrors.tooLarge(bodyLimit).reply;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return relayErrors.notJson().reply;
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { statusCode: 400, code: 'bad_content_length', message: 'The body length does not match Content-Length.' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { statusCode: 400, code: 'bad_json', message: 'The body is empty. Send one JSON object or array.' };
  }
  const status = typeof coded.statusCode === 'number' ? coded.statusCode : 500;
  if (status >= 400 && status < 500) {
    return { statusCode: status, code: 'bad_request', message: 'The request could not be read. Check the method, headers and body.' };
  }
  return { statusCode: 500, code: 'internal_error', message: 'The relay failed unexpectedly and did not accept this request. Retry later.' };
}
