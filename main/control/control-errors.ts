// Turns whatever a ConnectorApi method threw into the control API's `{"error":{"code","message"}}`
// with the HTTP status of its code in the one table (main/errors); anything uncoded becomes a generic
// 500, so a stack, a path or a secret never reaches the client.
import type { ConnectorErrorBody } from '../../shared/api';
import { toCodedReply } from '../errors/error-reply';
import { redactUrlCredentials } from '../logging/secret-masking';
import { redactSecrets } from '../logging/redaction';

export interface ErrorReply {
  status: number;
  error: ConnectorErrorBody;
  /** Unexpected: the caller logs it (through the redacting logger). */
  unexpected: boolean;
}

export function describeError(error: unknown): ErrorReply {
  const fastifyError = describeFastifyError(error);
  if (fastifyError) return fastifyError;
  // The one code table decides the status; the message is the error's own, URL credentials masked.
  const { status, code, message, unexpected } = toCodedReply(error);
  return { status, error: { code, message: redactSecrets(redactUrlCredentials(message)) }, unexpected };
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
