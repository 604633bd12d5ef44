// The window's CSP: strict, with no inline script or style allowances, and nothing inline to need them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const html = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../renderer/index.html'), 'utf8');
const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';

describe('renderer/index.html', () => {
  it.each([
    "default-src 'self'", "script-src 'self'", "connect-src 'self'", "img-src 'self' data:",
    "style-src 'self'", "object-src 'none'", "base-uri 'none'",
  ])('its CSP has %s', (directive) => {
    expect(csp.split(';').map((d) => d.trim())).toContain(directive);
  });

  it('allows no inline or eval code and carries no inline style or script', () => {
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(html).not.toMatch(/<style|style="|<script>(?!<\/script>)/);
  });
});
