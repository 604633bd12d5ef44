// The part of the project's logger the relay writes to (fields first, then message). The relay never
// passes headers, bodies or secrets as fields; the logger's redaction is the second line of defence.
import type { Logger } from './logger';

export type RelayLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export const silentLogger: RelayLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
