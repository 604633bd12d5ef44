// The console's door checks (docs/architecture.md#security-rules): bearer token in constant time, loopback Host
// with the right port (against DNS rebinding), same-origin Origin only. Never logs or echoes a token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh console token for one start (when MJSC_CONSOLE_TOKEN is not set). */
export function generateConsoleToken(): string {
  return randomBytes(24).toString('base64url');
}

/** True when `Authorization: Bearer <token>` carries exactly `token`; hashing first makes lengths equal. */
export function isConsoleTokenValid(authorization: string | undefined, token: string): boolean {
  if (authorization === undefined || token === '') return false;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), digest(token));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The Host header must name a loopback address or localhost, with the port we listen on. */
export function isLoopbackHostHeader(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  if (!match?.[1]) return false;
  const hostPort = match[2] === undefined ? 80 : Number(match[2]);
  return LOOPBACK_NAMES.has(match[1]) && hostPort === port;
}

/** Absent Origin (curl, scripts) is allowed; a browser's Origin must be this console's own. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return [...LOOPBACK_NAMES].some((name) => origin.toLowerCase() === `http://${name}:${port}`);
}
