// The base class of every error the connector raises on purpose: a stable code from the one table
// (shared/error-codes.ts), which fixes its HTTP status, whether it is retryable and whether its message
// may be shown. Subclasses add details; none may put a secret in the message. Imports nothing from main/.
import { ERROR_CODES, type ErrorCode } from '../../shared/error-codes';

export class CodedError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;

  /** Without a message, the table's default (which says what to do next) is used. */
  constructor(code: C, message?: string, options?: { cause?: unknown }) {
    super(message ?? ERROR_CODES[code].message, options);
    this.name = 'CodedError';
    this.code = code;
  }

  /** The HTTP status both transports answer with. */
  get httpStatus(): number {
    return ERROR_CODES[this.code].status;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }

  /** The message is written for people and holds no internals. */
  get expose(): boolean {
    return ERROR_CODES[this.code].expose;
  }
}
