// Errors the CLI reports as exactly one line on stderr, with the exit code the design fixes (2 for bad
// input, as the one code table marks it). Never put a secret or a whole payload into these messages.
import { ERROR_CODES, type ErrorCode } from '../../shared/error-codes';
import { CodedError } from '../errors/coded-error';
import { errorCodeOf } from '../errors/error-reply';
import { redactSecrets } from '../logging/redaction';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Bad input: bad JSON, a bad shape, an unreadable file, an unknown command or option. */
export class CliInputError extends CodedError {
  readonly exitCode = EXIT_BAD_INPUT;
  constructor(code: ErrorCode, message: string) {
    super(code, message);
    this.name = 'CliInputError';
  }
}

interface ThrownWithCode {
  code?: unknown;
}

/** node:util parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes: those are usage mistakes. */
function isArgumentParseError(error: unknown): boolean {
  const code = (error as ThrownWithCode | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** Bad JSON and bad shapes from shared/ are the caller's input, not our bug: the table says which codes. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliInputError || isArgumentParseError(error)) return EXIT_BAD_INPUT;
  const code = errorCodeOf(error);
  return code !== undefined && ERROR_CODES[code].badInput ? EXIT_BAD_INPUT : EXIT_FAILURE;
}

/** An unhandled promise rejection, as one redacted stderr line: a bug to report, not a reason to drop the relay. */
export function describeUnhandledRejection(reason: unknown): string {
  // Every piece of the relay handles its own failures and every acknowledged item is already on disk, so
  // one stray rejection is reported rather than taking down a relay that Mailjet and Segment post to.
  return redactSecrets(`mjsc: internal error (please report it): ${describeFailure(reason).slice('mjsc: '.length)}`);
}

/** One line, prefixed with "mjsc:", whatever the error looks like. */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
  const hint = isArgumentParseError(error) ? ' (see mjsc --help)' : '';
  return `mjsc: ${oneLine}${hint}\n`;
}
