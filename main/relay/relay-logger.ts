// The narrow logger the relay writes to: pino's shape (fields first, then message), so the project's
// redacting logger plugs in directly. The relay never passes headers, bodies or secrets as fields.

type LogMethod = (fields: object, message?: string) => void;

export interface RelayLogger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

export const silentLogger: RelayLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
