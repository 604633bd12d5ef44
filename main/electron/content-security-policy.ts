// The Content-Security-Policy of the app window (sent by app-protocol.ts on every app:// response):
// only the app's own bundle runs, loads or connects.
// Never loosen it with 'unsafe-inline', 'unsafe-eval' or a remote origin.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
