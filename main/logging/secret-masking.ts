// Masked forms of secrets and credential-bearing URLs (userinfo and credential-like query values), for
// display, errors and logs. Pure; never returns any part of a secret beyond the last four characters of a long key.

import { maskQuerySecrets } from '../logging/redaction';

const MASK = '••••';

/** "••••3f9a" for keys of 12+ characters; short values are masked whole (their tail says too much). */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `${MASK}${value.slice(-4)}` : MASK;
}

/**
 * The URL with its userinfo password masked ("https://user:••••@host/path"). A user name without a
 * password may itself be a token, so it is masked too. Unparseable text goes through the text redactor.
 */
export function maskUrlCredentials(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactUrlCredentials(url);
  }
  if (parsed.username === '' && parsed.password === '') return maskQuerySecrets(url);
  const userinfo = parsed.password === '' ? MASK : `${decodeUserName(parsed.username)}:${MASK}`;
  // Built by hand: URL setters would percent-encode the mask character.
  return `${parsed.protocol}//${userinfo}@${parsed.host}${parsed.pathname}${maskQuerySecrets(parsed.search)}${parsed.hash}`;
}

/** A malformed escape (`bad%ZZuser`) is shown as written: masking must never fail on foreign text. */
function decodeUserName(username: string): string {
  try {
    return decodeURIComponent(username);
  } catch {
    return username;
  }
}

const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)([^\s/@:"'<>]*)(:[^\s/@"'<>]*)?@/gi;

/** Masks every URL userinfo found in free text (upstream error messages may echo a callback URL). */
export function redactUrlCredentials(text: string): string {
  const masked = text.replace(URL_USERINFO, (_match, scheme: string, user: string, password: string | undefined) =>
    password === undefined ? `${scheme}${MASK}@` : `${scheme}${user}:${MASK}@`,
  );
  return maskQuerySecrets(masked);
}
