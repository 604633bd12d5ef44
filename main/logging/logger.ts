// The connector's one structured logger (pino, JSON lines). Every line passes through redactSecrets
// before it is written, so no call site can leak a secret; never log through console.* in main/.
import pino from 'pino';
import { redactSecrets } from './redaction';

export interface Logger {
  debug(objOrMessage: object | string, message?: string): void;
  info(objOrMessage: object | string, message?: string): void;
  warn(objOrMessage: object | string, message?: string): void;
  error(objOrMessage: object | string, message?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  /** pino level name: trace, debug, info (default), warn, error, fatal, silent. */
  level?: string;
  /** A stream, or a file path (created with mode 0600, folders included). Default: stderr. */
  destination?: NodeJS.WritableStream | string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const target = toDestination(options.destination ?? process.stderr);
  // The single redaction point for logs: the finished line, so bindings, errors and stacks are covered.
  const redactingSink = { write: (line: string): void => void target.write(redactSecrets(line)) };
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    redactingSink,
  );
}

function toDestination(destination: NodeJS.WritableStream | string): { write(line: string): unknown } {
  if (typeof destination !== 'string') return destination;
  // Synchronous writes: a line logged just before a crash is still in the file.
  return pino.destination({ dest: destination, mkdir: true, sync: true, mode: 0o600 });
}
