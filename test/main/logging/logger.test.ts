import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../../main/logging/logger';
import { addSecrets, clearSecrets } from '../../../main/logging/redaction';

const CANARY = 'canary-key-5e4d3c2b1a';

function captureStream(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('createLogger', () => {
  beforeEach(() => {
    clearSecrets();
    addSecrets([CANARY]);
  });

  it('writes JSON lines with level and message', () => {
    const out = captureStream();
    createLogger({ destination: out.stream }).info({ items: 3 }, 'committed');
    expect(JSON.parse(out.text())).toMatchObject({ level: 'info', msg: 'committed', items: 3 });
  });

  it('never shows a secret, whichever way it is logged', () => {
    const out = captureStream();
    const logger = createLogger({ destination: out.stream, level: 'debug' });
    const child = logger.child({ callbackUrl: `https://mailjet:${CANARY}@relay.example.com/mailjet/events` });
    child.info(`sending with key ${CANARY}`);
    child.debug({ headers: { Authorization: 'Basic c2VjcmV0LWJhc2ljOg==' } }, 'request');
    child.warn({ url: 'https://user:url-password-9@host/x' }, 'upstream');
    child.error({ err: new Error(`refused: ${CANARY}`) }, 'failed');
    logger.info({ segmentWriteKey: 'wk-abcdef123' }, 'config');
    const text = out.text();
    for (const secret of [CANARY, 'c2VjcmV0LWJhc2ljOg==', 'url-password-9', 'wk-abcdef123']) expect(text).not.toContain(secret);
    expect(text.trim().split('\n')).toHaveLength(5);
    expect(text).toContain('relay.example.com');
  });

  it('respects the level', () => {
    const out = captureStream();
    const logger = createLogger({ destination: out.stream, level: 'warn' });
    logger.info('hidden');
    logger.warn('shown');
    expect(out.text()).not.toContain('hidden');
    expect(out.text()).toContain('shown');
  });

  it('writes to a file path, creating its folder, redacted as well', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mjsc-log-'));
    try {
      const file = join(dir, 'logs', 'connector.log');
      createLogger({ destination: file }).info({ token: 't-1' }, `key ${CANARY}`);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('"msg":"key ***"');
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain('t-1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
