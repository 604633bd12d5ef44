// What the relay knows about the saved keys: which upstream refused them (401/403, a Problem to show)
// and which accepted them since they were last loaded. Told by the workers and the connector service;
// read by the engine's status. Holds no key, only Problems.
import type { Problem } from '../../shared/api';
import type { RelayLogger } from '../logging/relay-logger';

export type Upstream = 'mailjet' | 'segment';

export interface CredentialTracking {
  /** A Problem marks the upstream's keys bad; undefined marks them accepted (an authenticated success). */
  report(upstream: Upstream, problem: Problem | undefined): void;
  /** New keys were loaded: nothing is known about them yet. */
  forget(): void;
  bad(): { mailjet?: Problem; segment?: Problem } | undefined;
  accepted(): { mailjet: boolean; segment: boolean };
}

export function createCredentialTracking(logger: Pick<RelayLogger, 'info' | 'warn'>): CredentialTracking {
  const bad: { mailjet?: Problem; segment?: Problem } = {};
  const accepted = { mailjet: false, segment: false };

  return {
    report(upstream, problem) {
      if (problem === undefined) {
        accepted[upstream] = true;
        if (bad[upstream] === undefined) return;
        delete bad[upstream];
        logger.info({ upstream }, 'upstream accepts the saved keys again');
      } else if (bad[upstream] === undefined) {
        accepted[upstream] = false;
        bad[upstream] = problem;
        logger.warn({ upstream, code: problem.code }, 'upstream refused the saved keys');
      }
    },
    forget() {
      delete bad.mailjet;
      delete bad.segment;
      accepted.mailjet = false;
      accepted.segment = false;
    },
    bad: () => (bad.mailjet === undefined && bad.segment === undefined ? undefined : { ...bad }),
    accepted: () => ({ ...accepted }),
  };
}
