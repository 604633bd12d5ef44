// What a person is told about anything thrown: {code, message} and an HTTP status, read from the one
// code table, so the control API, the IPC envelope and the relay can never disagree. An uncoded error,
// or one whose code is not in the table, becomes internal_error: no stack, path or secret gets through.
import { ERROR_CODES, isErrorCode, type ErrorCode } from '../../shared/error-codes';

export interface CodedReply {
  status: number;
  code: ErrorCode;
  message: string;
  /** Not one of ours: the caller logs it (through the redacting logger). */
  unexpected: boolean;
}

/** The code of an error that carries one from the table, else undefined. */
export function errorCodeOf(error: unknown): ErrorCode | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return isErrorCode(code) ? code : undefined;
}

export const INTERNAL_REPLY: Readonly<CodedReply> = Object.freeze({
  status: ERROR_CODES.internal_error.status,
  code: 'internal_error',
  message: ERROR_CODES.internal_error.message,
  unexpected: true,
});

export function toCodedReply(error: unknown): CodedReply {
  const code = errorCodeOf(error);
  if (code === undefined || code === 'internal_error' || !ERROR_CODES[code].expose) return { ...INTERNAL_REPLY };
  const thrown = (error as { message?: unknown }).message;
  const message = typeof thrown === 'string' && thrown !== '' ? thrown : ERROR_CODES[code].message;
  const { status } = ERROR_CODES[code];
  return { status, code, message, unexpected: status === 500 };
}
