// The status line for a full disk (docs/architecture.md#a-full-disk): what stopped, that nothing
// accepted is lost, and what the operator does. It names the data dir, never an item or a secret.
import type { Problem } from '../../shared/api';

export function diskFullProblem(dataDir: string, since: number | undefined): Problem | undefined {
  if (since === undefined) return undefined;
  return {
    code: 'disk_full',
    message:
      `The disk that holds ${dataDir} is full (since ${new Date(since).toISOString()}). New events and calls are refused ` +
      'with 503, so Mailjet and Segment send them again later, and deliveries wait; nothing already accepted is lost. ' +
      'Free some space on that disk: the connector resumes by itself, without a restart.',
  };
}
