// Desktop notifications when a direction or the keys stop working: one per distinct problem until it
// clears, so a flapping relay does not spam the user. Messages come from the status, never a secret.
import { Notification } from 'electron';
import type { Problem, Status } from '../../shared/api';

export interface ProblemNotice {
  title: string;
  body: string;
}

const WHERE = {
  credentials: 'Mailjet or Segment keys need attention',
  receive: 'Receiving from Segment stopped',
  send: 'Sending to Segment stopped',
} as const;

function currentProblems(status: Status): Array<[key: string, title: string, problem: Problem]> {
  const found: Array<[string, string, Problem]> = [];
  const add = (where: keyof typeof WHERE, problem: Problem | undefined): void => {
    if (problem) found.push([`${where}:${problem.code}`, WHERE[where], problem]);
  };
  add('credentials', status.credentials.problem);
  add('receive', status.receive.problem);
  add('send', status.send.problem);
  return found;
}

/**
 * Returns a status listener that calls `notify` once when a problem appears and again only after
 * it has cleared and come back.
 */
export function createProblemNotifier(notify: (notice: ProblemNotice) => void): (status: Status) => void {
  let active = new Set<string>();
  return (status) => {
    const now = currentProblems(status);
    for (const [key, title, problem] of now) {
      if (!active.has(key)) notify({ title, body: problem.message });
    }
    active = new Set(now.map(([key]) => key));
  };
}

/** Shows a notice through the OS; silently nothing where the platform has no notifications. */
export function showDesktopNotification(notice: ProblemNotice, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: notice.title, body: notice.body });
  notification.on('click', onClick);
  notification.show();
}
