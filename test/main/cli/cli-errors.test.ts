// The CLI's failure lines: an unhandled rejection is reported as one redacted line, never with a secret.
import { describeUnhandledRejection } from '../../../main/cli/cli-errors';
import { registerSecret } from '../../../main/logging/redaction';

it('reports an unhandled rejection as one line without the secrets it mentions', () => {
  registerSecret('canaryUnhandledSecret93f1');
  const line = describeUnhandledRejection(new Error('upstream said\nno to canaryUnhandledSecret93f1'));
  expect(line).toMatch(/^mjsc: internal error \(please report it\): upstream said no to .+\n$/);
  expect(line).not.toContain('canaryUnhandledSecret93f1');
  expect(line.split('\n')).toHaveLength(2);
});

it('reports a rejection with a non-Error reason too', () => {
  expect(describeUnhandledRejection(42)).toBe('mjsc: internal error (please report it): 42\n');
});
