// Turns whatever a ConnectorApi method threw into the control API's `{"error":{"code","message"}}`
// with an HTTP status. Known codes keep their message (URL credentials masked); anything else becomes
// a generic 500, so a stack, a path or a secret never reaches the client.
import type { ConnectorErrorBody } from '../../shared/api';
import { redactUrlCredentials } from '../logging/secret-masking';
import { redactSecrets } from '../logging/redaction';

export interface ErrorReply {
  status: number;
  error: ConnectorErrorBody;
  /** Unexpected: the caller logs it (through the redacting logger). */
  unexpected: boolean;
}

/** Codes whose fix is on the caller's side (a value, a key, a choice). */
const CLIENT_CODES: Readonly<Record<string, number>> = {
  invalid_argument: 400,
  bad_json: 400,
  body_too_large: 413,
  unsupported_media_type: 415,
  mailjet_credentials_invalid: 400,
  mailjet_credentials_missing: 400,
  list_name_invalid: 400,
  secret_pinned_by_env: 409,
};

const INTERNAL: ConnectorErrorBody = {
  code: 'internal_error',
  message: 'The connector hit an unexpected error. Try again; if it happens again, look at the connector log for details.',
};

export function describeError(error: unknown): ErrorReply {
  const fastifyError = describeFastifyError(error);
  if (fastifyError) return fastifyError;
  const code = readString(error, 'code');
  const message = readString(error, 'message');
  if (code === undefined || message === undefined) return { status: 500, error: INTERNAL, unexpected: true };
  const status = statusForCode(code, error);
  if (status === undefined) return { status: 500, error: INTERNAL, unexpected: true };
  return { status, error: { code, message: redactSecrets(redactUrlCredentials(message)) }, unexpected: status >= 500 && status !== 502 && status !== 503 };
}

function statusForCode(code: string, error: unknown): number | undefined {
  const known = CLIENT_CODES[code];
  if (known !== undefined) return known;
  // An error class may declare its own status (e.g. 409 for a state conflict).
  const declared = readNumber(error, 'httpStatus');
  if (declared !== undefined && declared >= 400 && declared <= 599) return declared;
  if (code.endsWith('_not_found')) return 404;
  if (/^(mailjet|segment|callback)_/.test(code)) return 502;
  if (/^(storage|keychain|database)_/.test(code)) return 503;
  return undefined;
}

const FASTIFY_BODY_ERRORS: Readonly<Record<number, ConnectorErrorBody>> = {
  400: { code: 'bad_json', message: 'The request body is not valid JSON. Send the method argument as one JSON object, e.g. {}.' },
  413: { code: 'body_too_large', message: 'The request body is too large for the control API. Send a smaller argument.' },
  415: { code: 'unsupported_media_type', message: 'The control API accepts only JSON. Send Content-Type: application/json.' },
};

/** Fastify's own body errors (FST_ERR_CTP_*), renamed to this API's stable codes. */
function describeFastifyError(error: unknown): ErrorReply | undefined {
  const code = readString(error, 'code');
  const status = readNumber(error, 'statusCode');
  if (!code?.startsWith('FST_') || status === undefined) return undefined;
  const body = FASTIFY_BODY_ERRORS[status];
  if (body) return { status, error: body, unexpected: false };
  return status >= 400 && status < 500 ? { status, error: { code: 'bad_request', message: 'The request was refused as malformed. Check the method name and the JSON body.' }, unexpected: false } : undefined;
}

function readString(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field !== '' ? field : undefined;
}

function readNumber(value: unknown, key: string): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'number' && Number.isInteger(field) ? field : undefined;
}
